using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ThiDua.Infrastructure.Audit;

/// <summary>Seals new audit entries every few seconds.</summary>
public sealed class AuditSealerService(AuditChain chain, ILogger<AuditSealerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        do
        {
            try
            {
                await chain.SealAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Audit sealing failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
