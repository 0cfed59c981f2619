using System.Globalization;
using System.Text.Json.Nodes;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// Chooses a branch from structured conditions on dossier fields. No script engine: conditions are data
/// an administrator can read and the validator can check.
/// Settings: cases = [{ outcome, match: all|any, conditions: [{ field, op, value | values }] }], default = outcome name.
/// </summary>
public sealed class SwitchActivity : Activity
{
    public static readonly IReadOnlyList<string> Operators = ["eq", "ne", "in", "notIn", "contains", "empty", "notEmpty", "gt", "gte", "lt", "lte"];

    public override string Type => ActivityTypes.Switch;
    public override string DisplayName => "Rẽ nhánh theo điều kiện";
    public override string Description => "Chọn nhánh theo các trường của hồ sơ (hình thức khen thưởng, đối tượng…).";

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("cases", SettingKind.Cases, "Các trường hợp", Required: true),
        new("default", SettingKind.Text, "Nhánh mặc định", Help: "Mặc định: Default."),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node)
    {
        var outcomes = Cases(node).Select(c => c.Outcome).Where(o => o is not null).Select(o => o!).ToList();
        outcomes.Add(node.Settings.GetString("default") ?? Outcomes.Default);
        return outcomes.Distinct(StringComparer.Ordinal).ToList();
    }

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        if (node.Settings["cases"] is not JsonArray)
        {
            if (node.Settings.Has("cases"))
                errors.Add(new ValidationError("type", "\"cases\" phải là danh sách.", node.Id, "cases"));
            return;
        }
        var i = 0;
        foreach (var c in Cases(node))
        {
            var field = $"cases[{i}]";
            if (c.Outcome is null || !ApprovalActivity.IsOutcomeName(c.Outcome))
                errors.Add(new ValidationError("required", $"Trường hợp {i + 1} thiếu tên nhánh (outcome) hợp lệ.", node.Id, field + ".outcome"));
            if (c.Conditions.Count == 0)
                errors.Add(new ValidationError("required", $"Trường hợp {i + 1} chưa có điều kiện.", node.Id, field + ".conditions"));
            var j = 0;
            foreach (var cond in c.Conditions)
            {
                var cf = $"{field}.conditions[{j}]";
                if (string.IsNullOrWhiteSpace(cond.Field))
                    errors.Add(new ValidationError("required", $"Điều kiện {j + 1} của trường hợp {i + 1} thiếu tên trường.", node.Id, cf + ".field"));
                if (!Operators.Contains(cond.Op))
                    errors.Add(new ValidationError("operator", $"Phép so sánh '{cond.Op}' không được hỗ trợ (dùng: {string.Join(", ", Operators)}).", node.Id, cf + ".op"));
                j++;
            }
            i++;
        }
    }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        foreach (var c in Cases(context.Node))
        {
            var results = c.Conditions.Select(cond => Evaluate(cond, context.Dossier.Field(cond.Field)));
            if (c.MatchAny ? results.Any(r => r) : results.All(r => r))
                return new(new ActivityResult.Continue(c.Outcome!));
        }
        return new(new ActivityResult.Continue(context.Settings.GetString("default") ?? Outcomes.Default));
    }

    internal static bool Evaluate(Condition c, string? actual)
    {
        var cmp = StringComparer.OrdinalIgnoreCase;
        return c.Op switch
        {
            "eq" => cmp.Equals(actual ?? "", c.Value ?? ""),
            "ne" => !cmp.Equals(actual ?? "", c.Value ?? ""),
            "in" => actual is not null && c.Values.Contains(actual, cmp),
            "notIn" => actual is null || !c.Values.Contains(actual, cmp),
            "contains" => actual is not null && c.Value is not null && actual.Contains(c.Value, StringComparison.OrdinalIgnoreCase),
            "empty" => string.IsNullOrWhiteSpace(actual),
            "notEmpty" => !string.IsNullOrWhiteSpace(actual),
            "gt" or "gte" or "lt" or "lte" => Compare(actual, c.Value) is { } r && c.Op switch { "gt" => r > 0, "gte" => r >= 0, "lt" => r < 0, _ => r <= 0 },
            _ => false,
        };
    }

    private static int? Compare(string? a, string? b) =>
        double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : null;

    internal sealed record Condition(string Field, string Op, string? Value, IReadOnlyList<string> Values);

    internal sealed record Case(string? Outcome, bool MatchAny, IReadOnlyList<Condition> Conditions);

    internal static IReadOnlyList<Case> Cases(NodeDefinition node)
    {
        if (node.Settings["cases"] is not JsonArray array)
            return [];
        var cases = new List<Case>();
        foreach (var item in array.OfType<JsonObject>())
        {
            var conditions = new List<Condition>();
            if (item["conditions"] is JsonArray conds)
            {
                foreach (var c in conds.OfType<JsonObject>())
                {
                    var values = c.GetStringList("values");
                    conditions.Add(new Condition(c.GetString("field") ?? "", c.GetString("op") ?? "eq", ScalarText(c["value"]), values));
                }
            }
            cases.Add(new Case(item.GetString("outcome"), item.GetString("match") == "any", conditions));
        }
        return cases;
    }

    private static string? ScalarText(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
        : null;
}
