using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Brings the database to the current schema (see <see cref="DatabaseInitializer"/>) as the first hosted service.
/// When the host starts its services concurrently, the web server binds while this runs, so the first page waits for
/// whichever takes longer instead of for both in turn; requests and background work wait on <see cref="Ready"/>.
/// A failure here fails the host's start, as before: nothing runs on a database that is not migrated.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the schema, reference data and workflow definitions are in place; faults if they could not be.</summary>
    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken);
            _ready.TrySetResult();
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Runs the initializer once, without the host (the audit command), or again when nothing has run it.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        var folder = configuration["Workflows:Folder"];
        if (string.IsNullOrWhiteSpace(folder))
            folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>()
            .InitializeAsync(folder, configuration.GetValue("Demo:Seed", true), ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
