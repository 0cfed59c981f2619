using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>Syncs the schedule once the scheduler is up (its tables are provisioned when it starts).</summary>
public sealed class SchedulerStartup(ScheduleSynchronizer sync, ILogger<SchedulerStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; attempt < 150 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            var scheduler = await sync.SchedulerAsync(stoppingToken);
            if (scheduler is null)
                return;
            if (scheduler.Status == Quartz.SchedulerStatus.Running)
            {
                try
                {
                    await sync.SyncAllAsync(stoppingToken);
                    log.LogInformation("Scheduled jobs synchronized");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Could not synchronize the scheduled jobs");
                }
                return;
            }
            await Task.Delay(200, stoppingToken);
        }
    }
}
