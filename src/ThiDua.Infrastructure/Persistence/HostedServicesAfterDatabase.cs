using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Puts <see cref="DatabaseStartup"/> first and makes every hosted service registered so far start only once the database
/// is ready, so the host can start its services concurrently: the web server (added by the host after these) binds and
/// builds its pipeline while the database is migrated, but the scheduler, the e-mail dispatcher, the audit sealer and
/// the data-protection key ring never see a schema that is not there yet.
/// </summary>
public static class HostedServicesAfterDatabase
{
    public static IServiceCollection StartHostedServicesAfterDatabase(this IServiceCollection services)
    {
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService).ToList();
        foreach (var d in hosted)
            services.Remove(d);
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        foreach (var d in hosted)
            services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new AfterDatabase(
                sp.GetRequiredService<DatabaseStartup>(), Create(sp, d), sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostedServicesAfterDatabase)))));
        return services;
    }

    private static IHostedService Create(IServiceProvider sp, ServiceDescriptor d) =>
        (IHostedService)(d.ImplementationInstance
            ?? d.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private sealed class AfterDatabase(DatabaseStartup database, IHostedService inner, IHostApplicationLifetime lifetime, ILogger log) : IHostedService
    {
        private bool _started;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await database.Ready.WaitAsync(cancellationToken);
                await inner.StartAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while still starting (the server already answers then): a shutdown, not a failed start.
                return;
            }
            _started = true;
            // The host watches a BackgroundService it can see for a crash (log it, stop the app); behind this wrapper it
            // cannot, so the wrapper does the same.
            if (inner is BackgroundService { ExecuteTask: { } running })
                _ = running.ContinueWith(t =>
                {
                    log.LogCritical(t.Exception, "Background service {Service} failed; stopping the application", inner.GetType().Name);
                    lifetime.StopApplication();
                }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _started ? inner.StopAsync(cancellationToken) : Task.CompletedTask;
    }
}
