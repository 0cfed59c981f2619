using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ThiDua.Infrastructure.Timers;

public sealed class TimerOptions
{
    public int PollSeconds { get; set; } = 15;
    public bool Enabled { get; set; } = true;
}

/// <summary>Polls for due timers. Nothing is held in memory: after a restart the next poll finds whatever became due meanwhile.</summary>
public sealed class DueTimerService(DueTimerProcessor processor, IOptions<TimerOptions> options, TimeProvider time, ILogger<DueTimerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                var fired = await processor.ProcessDueAsync(stoppingToken);
                if (fired > 0)
                    log.LogInformation("Resumed {Count} due workflow timers", fired);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Timer poll failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
