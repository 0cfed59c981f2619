using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

public sealed record DiffNode(string Id, string Name, string Type, string TypeName);

public sealed record DiffValue(string Field, string Label, string Before, string After);

public sealed record DiffNodeChange(string Id, string Name, IReadOnlyList<DiffValue> Changes);

public sealed record DiffEdge(string From, string FromName, string Outcome, string OutcomeName, string To, string ToName);

/// <summary>What changed between two versions of a definition, in terms an administrator reads: steps, their settings, connections.</summary>
public sealed record DefinitionDiff(
    string From,
    string To,
    IReadOnlyList<DiffValue> Definition,
    IReadOnlyList<DiffNode> NodesAdded,
    IReadOnlyList<DiffNode> NodesRemoved,
    IReadOnlyList<DiffNodeChange> NodesChanged,
    IReadOnlyList<DiffEdge> EdgesAdded,
    IReadOnlyList<DiffEdge> EdgesRemoved,
    bool LayoutChanged,
    IReadOnlyList<string> Summary)
{
    public bool Same => Definition.Count == 0 && NodesAdded.Count == 0 && NodesRemoved.Count == 0 && NodesChanged.Count == 0 && EdgesAdded.Count == 0 && EdgesRemoved.Count == 0;
}

public static class DefinitionDiffer
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DefinitionDiff Compare(WorkflowDefinition left, WorkflowDefinition right, ActivityRegistry registry)
    {
        var definition = new List<DiffValue>();
        if (left.Name != right.Name)
            definition.Add(new DiffValue("name", "Tên quy trình", left.Name, right.Name));
        if ((left.Description ?? "") != (right.Description ?? ""))
            definition.Add(new DiffValue("description", "Mô tả", Text(left.Description), Text(right.Description)));
        if (!JsonNode.DeepEquals(left.Variables, right.Variables))
            definition.Add(new DiffValue("variables", "Biến", Json(left.Variables), Json(right.Variables)));

        var before = left.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = right.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = right.Nodes.Where(n => !before.ContainsKey(n.Id)).Select(Ref).ToList();
        var removed = left.Nodes.Where(n => !after.ContainsKey(n.Id)).Select(Ref).ToList();
        var changed = new List<DiffNodeChange>();
        foreach (var node in right.Nodes.Where(n => before.ContainsKey(n.Id)))
        {
            var old = before[node.Id];
            var changes = new List<DiffValue>();
            if (old.Type != node.Type)
                changes.Add(new DiffValue("type", "Loại bước", DesignerVocabulary.ActivityType(old.Type), DesignerVocabulary.ActivityType(node.Type)));
            if ((old.Name ?? "") != (node.Name ?? ""))
                changes.Add(new DiffValue("name", "Tên bước", Text(old.Name), Text(node.Name)));
            var specs = (registry.Find(node.Type)?.Settings ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);
            var keys = old.Settings.Select(p => p.Key).Union(node.Settings.Select(p => p.Key)).ToList();
            // Settings in the order the property panel shows them, unknown ones after.
            keys.Sort((a, b) => Order(specs, a).CompareTo(Order(specs, b)) is var c and not 0 ? c : string.CompareOrdinal(a, b));
            foreach (var key in keys)
            {
                if (JsonNode.DeepEquals(old.Settings[key], node.Settings[key]))
                    continue;
                var spec = specs.GetValueOrDefault(key);
                changes.Add(new DiffValue(key, spec?.Label ?? key, Value(spec, old.Settings[key]), Value(spec, node.Settings[key])));
            }
            if (changes.Count > 0)
                changed.Add(new DiffNodeChange(node.Id, node.DisplayName, changes));
        }

        var leftEdges = left.Edges.Select(e => (e.From, e.Outcome, e.To)).ToHashSet();
        var rightEdges = right.Edges.Select(e => (e.From, e.Outcome, e.To)).ToHashSet();
        DiffEdge Edge(EdgeDefinition e) => new(e.From, NameOf(e.From), e.Outcome, DesignerVocabulary.Outcome(e.Outcome), e.To, NameOf(e.To));
        string NameOf(string id) => after.GetValueOrDefault(id)?.DisplayName ?? before.GetValueOrDefault(id)?.DisplayName ?? id;
        var edgesAdded = right.Edges.Where(e => !leftEdges.Contains((e.From, e.Outcome, e.To))).Distinct().Select(Edge).ToList();
        var edgesRemoved = left.Edges.Where(e => !rightEdges.Contains((e.From, e.Outcome, e.To))).Distinct().Select(Edge).ToList();

        var summary = new List<string>();
        summary.AddRange(definition.Select(d => $"Đổi {d.Label.ToLowerInvariant()}: “{d.Before}” → “{d.After}”."));
        summary.AddRange(added.Select(n => $"Thêm bước “{n.Name}” ({n.TypeName})."));
        summary.AddRange(removed.Select(n => $"Bỏ bước “{n.Name}” ({n.TypeName})."));
        summary.AddRange(changed.Select(c => $"Sửa bước “{c.Name}”: " + string.Join("; ", c.Changes.Select(v => $"{v.Label}: {v.Before} → {v.After}")) + "."));
        summary.AddRange(edgesAdded.Select(e => $"Thêm nối “{e.FromName}” —{e.OutcomeName}→ “{e.ToName}”."));
        summary.AddRange(edgesRemoved.Select(e => $"Bỏ nối “{e.FromName}” —{e.OutcomeName}→ “{e.ToName}”."));
        var layoutChanged = !JsonNode.DeepEquals(left.Layout, right.Layout);
        if (summary.Count == 0)
            summary.Add(layoutChanged ? "Chỉ thay đổi vị trí các bước trên sơ đồ." : "Hai phiên bản giống nhau.");

        return new DefinitionDiff(Label(left), Label(right), definition, added, removed, changed, edgesAdded, edgesRemoved, layoutChanged, summary);
    }

    private static string Label(WorkflowDefinition d) => d.Version > 0 ? $"phiên bản {d.Version}" : "bản nháp";

    private static DiffNode Ref(NodeDefinition n) => new(n.Id, n.DisplayName, n.Type, DesignerVocabulary.ActivityType(n.Type));

    private static int Order(Dictionary<string, SettingSpec> specs, string key)
    {
        var i = specs.Keys.ToList().IndexOf(key);
        return i < 0 ? int.MaxValue : i;
    }

    private static string Text(string? s) => string.IsNullOrWhiteSpace(s) ? "(trống)" : s;

    private static string Json(JsonNode? node) => node is null ? "(trống)" : node.ToJsonString(Compact);

    /// <summary>A setting value as the property panel would show it: Vietnamese role and organization names, yes/no, lists.</summary>
    internal static string Value(SettingSpec? spec, JsonNode? value)
    {
        if (value is null)
            return "(trống)";
        string One(string s) => spec?.Kind switch
        {
            SettingKind.Role => Roles.VietnameseName(s),
            SettingKind.Organization => DesignerVocabulary.OrgSelector(s),
            SettingKind.Outcomes => DesignerVocabulary.Outcome(s),
            SettingKind.Choice => DesignerVocabulary.Choice(s),
            _ => s,
        };
        return value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.True => "có",
            JsonValue v when v.GetValueKind() == JsonValueKind.False => "không",
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? "(trống)" : One(s),
            JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) => a.Count == 0 ? "(trống)" : string.Join(", ", a.Select(x => One(x!.GetValue<string>()))),
            _ => value.ToJsonString(Compact),
        };
    }
}
