using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Activities;

/// <summary>Runs every outgoing branch, e.g. asking Công an and Thuế for opinions at the same time.</summary>
public sealed class ForkActivity : Activity
{
    public override string Type => ActivityTypes.Fork;
    public override string DisplayName => "Rẽ song song";
    public override string Description => "Chạy đồng thời mọi nhánh đi ra.";
    public override bool AllowsParallelEdges => true;

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => new(new ActivityResult.Continue(Outcomes.Done));
}
