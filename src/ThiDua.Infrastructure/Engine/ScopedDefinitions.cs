using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// The engine's definitions within one request or job: the latest version is asked on the scope's own context, whose
/// SQLite connection is already open and keeps that query compiled. Through <see cref="DefinitionStore"/> alone every
/// submit and every step into a sub-workflow made a context of its own, opened a pooled connection (EF Core registers
/// its SQL functions on each open) and closed it again, for one small query.
/// </summary>
public sealed class ScopedDefinitions(ThiDuaDbContext db, DefinitionStore store) : IDefinitionProvider
{
    public ValueTask<WorkflowDefinition?> GetAsync(string id, int version, CancellationToken ct) => store.GetAsync(id, version, ct);

    public ValueTask<WorkflowDefinition?> GetLatestPublishedAsync(string id, CancellationToken ct) => store.GetLatestPublishedAsync(db, id, ct);
}
