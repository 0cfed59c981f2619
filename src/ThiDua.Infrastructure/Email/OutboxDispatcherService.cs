using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// Runs a dispatch round at start-up and then every <see cref="DispatcherOptions.PollSeconds"/>. Every web node may
/// run it: rows are claimed, never shared. Switched off with Email:Dispatcher:Enabled=false.
/// </summary>
public sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, EmailOptions options, TimeProvider time, ILogger<OutboxDispatcherService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Dispatcher.Enabled)
        {
            log.LogInformation("Email dispatcher is off on this node (Email:Dispatcher:Enabled=false)");
            return;
        }
        using var poll = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Dispatcher.PollSeconds)), time);
        do
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database was busy or unreachable: nothing was lost, the next round picks the rows up.
                log.LogError(ex, "Email dispatch round failed; retrying at the next poll");
            }
        }
        while (await poll.WaitForNextTickAsync(stoppingToken));
    }
}
