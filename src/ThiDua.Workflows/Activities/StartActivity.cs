using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

public sealed class StartActivity : Activity
{
    public override string Type => ActivityTypes.Start;
    public override string DisplayName => "Bắt đầu";
    public override string Description => "Điểm bắt đầu khi hồ sơ được gửi.";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.Continue(Outcomes.Done));
}
