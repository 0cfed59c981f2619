using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the current schema (see <see cref="DatabaseInitializer"/>) on a thread of its own, started as
/// soon as the services exist, while the request pipeline is built and the web server binds; the first page waits for
/// whichever takes longer instead of for both in turn. Requests and the other hosted services wait on <see cref="Ready"/>.
/// As the first hosted service it also holds the host's start: a failure here fails the start, as before.
/// </summary>
public sealed class DatabaseStartup : IHostedService
{
    private readonly Lazy<Task> _run;
    private readonly IServiceScopeFactory _scopes;
    private readonly IConfiguration _configuration;
    private readonly DatabaseOptions _options;

    public DatabaseStartup(IServiceScopeFactory scopes, IConfiguration configuration, DatabaseOptions options, IHostApplicationLifetime lifetime)
    {
        _scopes = scopes;
        _configuration = configuration;
        _options = options;
        // Task.Run: Microsoft.Data.Sqlite's async calls complete synchronously, so the caller would otherwise wait.
        _run = new Lazy<Task>(() => Task.Run(async () =>
        {
            await InitializeAsync(lifetime.ApplicationStopping);
            LoadKeyRing();
        }));
    }

    /// <summary>Completes once the schema, reference data and workflow definitions are in place; faults if they could not be. Starts the work if nothing has yet.</summary>
    public Task Ready => _run.Value;

    public Task StartAsync(CancellationToken cancellationToken) => Ready.WaitAsync(cancellationToken);

    /// <summary>The initialization itself, for a caller without the host (the audit command).</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        var folder = _configuration["Workflows:Folder"];
        if (string.IsNullOrWhiteSpace(folder))
            folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var seedDemo = _configuration.GetValue("Demo:Seed", true);
        var workflows = await Engine.WorkflowFileImporter.ReadFolderAsync(folder, ct);
        if (await DatabaseAtRest.CheckAsync(_options, [.. workflows.Select(w => w.Hash)], File.Exists(DatabaseInitializer.AwardFormsPath(folder)), seedDemo, ct))
            return;
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(folder, seedDemo, ct);
    }

    /// <summary>
    /// Reads the data-protection keys (or makes the first one) here, beside the web server's start, as the key ring's own
    /// hosted service did before the background services were started late: the login form's token and the cookie
    /// then find the key ring ready, and a new database gets its key before any request can ask for one.
    /// </summary>
    private void LoadKeyRing()
    {
        using var scope = _scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("ThiDua.Startup").Protect([0]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
