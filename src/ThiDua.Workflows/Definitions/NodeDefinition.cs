using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Definitions;

/// <summary>A typed activity placed in the graph, with its settings as authored.</summary>
public sealed class NodeDefinition
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Name { get; init; }
    public JsonObject Settings { get; init; } = [];

    /// <summary>The label people see: the author's name for the step, else its id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
