using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>Finishes the instance with a result; in a sub-workflow the result becomes the caller's outcome.</summary>
public sealed class EndActivity : Activity
{
    public override string Type => ActivityTypes.End;
    public override string DisplayName => "Kết thúc";
    public override string Description => "Kết thúc quy trình với một kết quả (ví dụ Approved, Rejected).";

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("result", SettingKind.Text, "Kết quả", Required: true, Help: "Approved, Rejected, Withdrawn… Quy trình cha rẽ nhánh theo kết quả này."),
        new("label", SettingKind.Text, "Trạng thái hiển thị"),
    ];

    public override IReadOnlyList<string> DeclaredOutcomes(NodeDefinition node) => [];

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        new(new ActivityResult.Complete(context.Settings.GetString("result")!, context.Settings.GetString("label")));
}
