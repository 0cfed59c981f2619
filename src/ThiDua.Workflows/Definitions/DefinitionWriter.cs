using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Definitions;

/// <summary>Writes a definition in the same shape <see cref="DefinitionReader"/> reads, so export → import is lossless.</summary>
public static class DefinitionWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Vietnamese names stay readable in files and diffs instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToJson(WorkflowDefinition definition)
    {
        var nodes = new JsonArray();
        foreach (var n in definition.Nodes)
        {
            var node = new JsonObject { ["id"] = n.Id, ["type"] = n.Type };
            if (!string.IsNullOrWhiteSpace(n.Name))
                node["name"] = n.Name;
            if (n.Settings.Count > 0)
                node["settings"] = n.Settings.DeepClone();
            nodes.Add(node);
        }
        var edges = new JsonArray();
        foreach (var e in definition.Edges)
        {
            var edge = new JsonObject { ["from"] = e.From };
            if (e.Outcome != EdgeDefinition.DefaultOutcome)
                edge["outcome"] = e.Outcome;
            edge["to"] = e.To;
            edges.Add(edge);
        }
        var root = new JsonObject
        {
            ["$schema"] = WorkflowDefinition.SchemaUri,
            ["id"] = definition.Id,
            ["name"] = definition.Name,
        };
        if (!string.IsNullOrWhiteSpace(definition.Description))
            root["description"] = definition.Description;
        root["nodes"] = nodes;
        root["edges"] = edges;
        if (definition.Variables.Count > 0)
            root["variables"] = definition.Variables.DeepClone();
        if (definition.Layout.Count > 0)
            root["layout"] = definition.Layout.DeepClone();
        return root;
    }

    public static string Write(WorkflowDefinition definition) => ToJson(definition).ToJsonString(Options);
}
