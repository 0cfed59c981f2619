using System.Text.Json;

namespace ThiDua.Workflows.Runtime;

/// <summary>The per-instance bookkeeping the graph needs between runs (join arrivals), kept as JSON on the instance row.</summary>
internal sealed class InstanceState
{
    public Dictionary<string, int> JoinArrivals { get; set; } = new(StringComparer.Ordinal);

    public static InstanceState Parse(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new() : JsonSerializer.Deserialize<InstanceState>(json) ?? new();

    public string Serialize() => JoinArrivals.Count == 0 ? "{}" : JsonSerializer.Serialize(this);
}
