using System.Collections.Concurrent;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Runtime.InMemory;

/// <summary>Published definitions held in memory: for engine tests, the test-run preview and benchmarks.</summary>
public sealed class InMemoryDefinitionProvider : IDefinitionProvider
{
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _versions = new();
    private readonly ConcurrentDictionary<string, int> _latest = new(StringComparer.Ordinal);

    /// <summary>Publishes a definition as the next version of its id and returns that version.</summary>
    public WorkflowDefinition Publish(WorkflowDefinition definition)
    {
        var version = _latest.AddOrUpdate(definition.Id, 1, (_, v) => v + 1);
        var published = new WorkflowDefinition
        {
            Id = definition.Id,
            Name = definition.Name,
            Description = definition.Description,
            Version = version,
            Nodes = definition.Nodes,
            Edges = definition.Edges,
            Variables = definition.Variables,
            Layout = definition.Layout,
        };
        _versions[(definition.Id, version)] = published;
        return published;
    }

    public ValueTask<WorkflowDefinition?> GetAsync(string id, int version, CancellationToken ct) =>
        new(_versions.GetValueOrDefault((id, version)));

    public ValueTask<WorkflowDefinition?> GetLatestPublishedAsync(string id, CancellationToken ct) =>
        new(_latest.TryGetValue(id, out var v) ? _versions.GetValueOrDefault((id, v)) : null);
}
