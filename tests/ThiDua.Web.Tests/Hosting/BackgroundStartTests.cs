using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Hosting;

/// <summary>
/// The background services (scheduler, e-mail dispatcher, timers, audit sealer) start after the database and after the
/// host, so that they do not hold the first page back; one that cannot start still stops the application, and a host
/// stopped before they started does not start them.
/// </summary>
public sealed class BackgroundStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-hosting-").FullName;

    private IHost Build(TimeSpan delay, Action<IServiceCollection> add)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, "thidua.db")}",
            ["Scheduling:Enabled"] = "false",
            ["Demo:Seed"] = "false",
            ["Workflows:Folder"] = Path.Combine(AppContext.BaseDirectory, "workflows"),
        });
        builder.Services.AddThiDuaInfrastructure(builder.Configuration, _folder);
        add(builder.Services);
        builder.Services.StartHostedServicesAfterDatabase(delay);
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        return builder.Build();
    }

    [Fact]
    public async Task A_background_service_starts_after_the_host_has_started_and_the_delay()
    {
        var probe = new Probe();
        using var host = Build(TimeSpan.FromMilliseconds(300), s => s.AddHostedService(sp => probe.For(sp)));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        // The moment the delay counts from, not when this await resumes: on a loaded machine that came 142 ms later
        // and made a correct 300 ms wait look like 158 ms.
        var hostStarted = DateTime.MaxValue;
        lifetime.ApplicationStarted.Register(() => hostStarted = DateTime.UtcNow);
        await host.StartAsync();
        Assert.False(probe.Started.Task.IsCompleted, "started with the host instead of after it");

        var startedAt = await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(probe.HostHadStarted);
        Assert.True(startedAt - hostStarted >= TimeSpan.FromMilliseconds(250), $"started {(startedAt - hostStarted).TotalMilliseconds} ms after the host");

        await host.StopAsync();
        Assert.True(probe.Stopped);
        Assert.True(lifetime.ApplicationStopped.IsCancellationRequested);
    }

    [Fact]
    public async Task A_background_service_that_cannot_start_stops_the_application()
    {
        using var host = Build(TimeSpan.Zero, s => s.AddHostedService<Broken>());
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.StartAsync();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_host_stopped_before_the_delay_never_starts_them()
    {
        var probe = new Probe();
        using var host = Build(TimeSpan.FromMinutes(5), s => s.AddHostedService(sp => probe.For(sp)));
        await host.StartAsync();
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(probe.Started.Task.IsCompleted);
        Assert.False(probe.Stopped);
    }

    private sealed class Probe : IHostedService
    {
        public TaskCompletionSource<DateTime> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool HostHadStarted { get; private set; }
        public bool Stopped { get; private set; }
        private IHostApplicationLifetime? _lifetime;

        public Probe For(IServiceProvider services)
        {
            _lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            return this;
        }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            HostHadStarted = _lifetime?.ApplicationStarted.IsCancellationRequested == true;
            Started.TrySetResult(DateTime.UtcNow);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }

    private sealed class Broken : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("Máy chủ thư không trả lời.");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
