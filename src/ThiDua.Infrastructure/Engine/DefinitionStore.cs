using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// Published definitions from the database. A published version never changes, so parsed versions are
/// cached forever. "Latest" is asked of the database each time on PostgreSQL, so every node of a cluster starts new
/// dossiers on the same version right after a publish; on SQLite, written by this process alone, it is kept until a
/// version is published, or for 10 s when the file is changed without the application (<see cref="ReferenceCache"/>).
/// </summary>
public sealed class DefinitionStore(IDbContextFactory<ThiDuaDbContext> factory, TimeProvider time, IServiceProvider services) : IDefinitionProvider
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _parsed = new();

    public async ValueTask<WorkflowDefinition?> GetAsync(string id, int version, CancellationToken ct)
    {
        if (_parsed.TryGetValue((id, version), out var cached))
            return cached;
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.DefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DefinitionId == id && v.Version == version, ct);
        return row is null ? null : Parse(row);
    }

    public async ValueTask<WorkflowDefinition?> GetLatestPublishedAsync(string id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await GetLatestPublishedAsync(db, id, ct);
    }

    /// <summary>The latest version asked through a context the caller already holds (see <see cref="ScopedDefinitions"/>).</summary>
    public async ValueTask<WorkflowDefinition?> GetLatestPublishedAsync(ThiDuaDbContext db, string id, CancellationToken ct)
    {
        var version = await ReferenceCache.GetAsync(db, new LatestKey(id), () => ApprovalPathQueries.Of(db).LatestVersion(db, id));
        return version is { } v ? await GetAsync(id, v, ct) : null;
    }

    private readonly record struct LatestKey(string DefinitionId);

    private WorkflowDefinition Parse(WorkflowDefinitionVersion row)
    {
        var read = DefinitionReader.Read(row.Json, row.Version);
        if (read.Definition is null)
            throw new WorkflowException(WorkflowErrorCode.DefinitionNotFound, $"Quy trình '{row.DefinitionId}' phiên bản {row.Version} không đọc được.");
        return _parsed.GetOrAdd((row.DefinitionId, row.Version), read.Definition);
    }

    /// <summary>What the validator needs to check CallWorkflow nodes: the End results of each latest published definition.</summary>
    public async Task<ValidationContext> ValidationContextAsync(CancellationToken ct, IReadOnlyDictionary<string, WorkflowDefinition>? pending = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.DefinitionVersions.Select(v => v.DefinitionId).Distinct().ToListAsync(ct);
        var results = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (await GetLatestPublishedAsync(id, ct) is { } d)
                results[id] = EndResults(d);
        if (pending is not null)
            foreach (var (id, d) in pending)
                results[id] = EndResults(d);
        // Email templates are files; a SendEmail node naming a missing one is an authoring error, not a runtime surprise.
        var templates = services.GetService(typeof(Email.EmailTemplateRenderer)) as Email.EmailTemplateRenderer;
        return new ValidationContext(SubWorkflowResults: id => results.GetValueOrDefault(id), TemplateExists: templates is null ? null : templates.Exists);
    }

    public static IReadOnlyList<string> EndResults(WorkflowDefinition d) =>
        d.Nodes.Where(n => n.Type == ActivityTypes.End).Select(n => n.Settings.GetString("result")).OfType<string>().Distinct().ToList();

    /// <summary>Publishes a validated definition as the next version. Returns the new version number.</summary>
    public async Task<int> PublishAsync(ThiDuaDbContext db, WorkflowDefinition definition, string publishedBy, string? note, string? sourceHash, CancellationToken ct)
    {
        var latest = await db.DefinitionVersions.Where(v => v.DefinitionId == definition.Id).MaxAsync(v => (int?)v.Version, ct) ?? 0;
        db.DefinitionVersions.Add(new WorkflowDefinitionVersion
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            Version = latest + 1,
            Name = definition.Name,
            Json = DefinitionWriter.Write(definition),
            SourceHash = sourceHash,
            PublishedAt = time.GetUtcNow().UtcDateTime,
            PublishedBy = publishedBy,
            Note = note,
        });
        return latest + 1;
    }
}
