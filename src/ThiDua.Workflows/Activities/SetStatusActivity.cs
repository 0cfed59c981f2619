using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Activities;

/// <summary>Sets the label secretaries see on the tracking board, e.g. "Đang thẩm định tại Sở Nội vụ".</summary>
public sealed class SetStatusActivity : Activity
{
    private static readonly string[] States = [DossierStates.InProgress, DossierStates.Returned];

    public override string Type => ActivityTypes.SetStatus;
    public override string DisplayName => "Đặt trạng thái";
    public override string Description => "Nhãn trạng thái và cấp xét duyệt hiển thị cho thư ký.";

    public override IReadOnlyList<SettingSpec> Settings { get; } =
    [
        new("label", SettingKind.Text, "Nhãn trạng thái", Required: true),
        new("level", SettingKind.Text, "Cấp xét duyệt", Help: "Ví dụ: Đơn vị, Sở/ngành, Tỉnh, Trung ương."),
        new("state", SettingKind.Choice, "Tình trạng hồ sơ", Choices: States),
    ];

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var label = context.Settings.GetString("label")!;
        var level = context.Settings.GetString("level");
        context.Instance.StatusLabel = label;
        if (level is not null)
            context.Instance.Level = level;
        context.Progress(new DossierProgress(label, level, context.Settings.GetString("state") ?? DossierStates.InProgress));
        context.Journal(Runtime.JournalKinds.StatusChanged, comment: label);
        return new(new ActivityResult.Continue(Outcomes.Done));
    }
}
