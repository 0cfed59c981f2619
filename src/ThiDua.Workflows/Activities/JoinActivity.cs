using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>
/// Waits for parallel branches: all of them, any one, or N of them. Counting arrivals is done by the
/// runtime because it owns the instance state and must cancel the branches left behind.
/// </summary>
public sealed class JoinActivity : Activity
{
    public const string All = "all";
    public const string Any = "any";
    public const string NOfM = "n";

    public override string Type => ActivityTypes.Join;
    public override string DisplayName => "Hợp nhánh";
    public override string Description => "Chờ tất cả, một, hoặc N nhánh song song.";

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("mode", SettingKind.Choice, "Chờ", Choices: [All, Any, NOfM]),
        new("count", SettingKind.Integer, "Số nhánh cần (N)"),
    ];

    public override void Validate(NodeDefinition node, ValidationContext context, List<ValidationError> errors)
    {
        var mode = node.Settings.GetString("mode") ?? All;
        if (mode == NOfM && node.Settings.GetInt("count") is not > 0)
            errors.Add(new ValidationError("required", "Chế độ N nhánh cần số nhánh (count) lớn hơn 0.", node.Id, "count"));
    }

    public static int Required(NodeDefinition node, int incoming) => (node.Settings.GetString("mode") ?? All) switch
    {
        Any => 1,
        NOfM => Math.Min(node.Settings.GetInt("count") ?? 1, Math.Max(incoming, 1)),
        _ => Math.Max(incoming, 1),
    };

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.Continue(Outcomes.Done));
}
