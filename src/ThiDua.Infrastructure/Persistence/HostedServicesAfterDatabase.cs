using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Puts <see cref="DatabaseStartup"/> first and makes every hosted service registered so far start only once the database
/// is ready and the web server answers, so the host can start its services concurrently: the web server (added by the
/// host after these) binds and builds its pipeline while the database is migrated, and the scheduler, the e-mail
/// dispatcher, the audit sealer and the data-protection key ring never see a schema that is not there yet.
/// </summary>
/// <remarks>
/// They start <c>delay</c> after the host has started, on the thread pool. Started with the host, they built the
/// scheduler, the e-mail dispatcher's and timers' first EF Core contexts and queries on the two cores the first page
/// was being built on: the first page came at 1.15-1.2 s instead of 0.8 s. A job or an e-mail that waits one second
/// more after a restart is not noticed; a login page that waits is. A service that fails to start stops the
/// application, as a failed start did.
/// </remarks>
public static class HostedServicesAfterDatabase
{
    public static IServiceCollection StartHostedServicesAfterDatabase(this IServiceCollection services, TimeSpan delay)
    {
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService).ToList();
        foreach (var d in hosted)
            services.Remove(d);
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        foreach (var d in hosted)
            services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new AfterDatabase(
                sp.GetRequiredService<DatabaseStartup>(), () => Create(sp, d), delay, sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostedServicesAfterDatabase)))));
        return services;
    }

    private static IHostedService Create(IServiceProvider sp, ServiceDescriptor d) =>
        (IHostedService)(d.ImplementationInstance
            ?? d.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private sealed class AfterDatabase(DatabaseStartup database, Func<IHostedService> create, TimeSpan delay, IHostApplicationLifetime lifetime, ILogger log) : IHostedService
    {
        private readonly CancellationTokenSource _stopping = new();
        private Task<IHostedService?>? _start;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                // A database that cannot be brought up still fails the host's start.
                await database.Ready.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // stopped while still starting: a shutdown, not a failed start
            }
            _start = StartLaterAsync();
        }

        private async Task<IHostedService?> StartLaterAsync()
        {
            IHostedService service;
            try
            {
                await HostStartedAsync();
                await Task.Delay(delay, _stopping.Token);
                service = create();
                await service.StartAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex)
            {
                log.LogCritical(ex, "A background service could not start; stopping the application");
                lifetime.StopApplication();
                return null;
            }
            // The host watches a BackgroundService it can see for a crash (log it, stop the app); behind this wrapper it
            // cannot, so the wrapper does the same.
            if (service is BackgroundService { ExecuteTask: { } running })
                _ = running.ContinueWith(t =>
                {
                    log.LogCritical(t.Exception, "Background service {Service} failed; stopping the application", service.GetType().Name);
                    lifetime.StopApplication();
                }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return service;
        }

        /// <summary>Completes on the thread pool (not on the host's thread that signals the start) once the host has started.</summary>
        private Task HostStartedAsync()
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            _stopping.Token.Register(() => started.TrySetCanceled(_stopping.Token));
            return started.Task;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await _stopping.CancelAsync();
            if (_start is null)
                return;
            var service = await _start.WaitAsync(cancellationToken);
            if (service is not null)
                await service.StopAsync(cancellationToken);
        }
    }
}
