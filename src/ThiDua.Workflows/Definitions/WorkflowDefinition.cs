using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Definitions;

/// <summary>
/// One version of a workflow as a graph. Immutable once published: running instances are pinned to
/// (Id, Version), so a published definition must never change under them.
/// </summary>
public sealed class WorkflowDefinition
{
    public const string SchemaUri = "https://thidua.gov.vn/schemas/workflow-definition.v1.json";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public int Version { get; init; }
    public required IReadOnlyList<NodeDefinition> Nodes { get; init; }
    public required IReadOnlyList<EdgeDefinition> Edges { get; init; }
    public JsonObject Variables { get; init; } = [];
    public JsonObject Layout { get; init; } = [];

    private Dictionary<string, NodeDefinition>? _byId;
    private ILookup<string, EdgeDefinition>? _outgoing;
    private ILookup<string, EdgeDefinition>? _incoming;

    public NodeDefinition? FindNode(string id)
    {
        _byId ??= Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byId.GetValueOrDefault(id);
    }

    public NodeDefinition GetNode(string id) =>
        FindNode(id) ?? throw new InvalidOperationException($"Node '{id}' is not in definition '{Id}' v{Version}.");

    public IEnumerable<EdgeDefinition> Outgoing(string nodeId) => (_outgoing ??= Edges.ToLookup(e => e.From, StringComparer.Ordinal))[nodeId];

    public IEnumerable<EdgeDefinition> Incoming(string nodeId) => (_incoming ??= Edges.ToLookup(e => e.To, StringComparer.Ordinal))[nodeId];

    public NodeDefinition? StartNode => Nodes.FirstOrDefault(n => n.Type == ActivityTypes.Start);
}
