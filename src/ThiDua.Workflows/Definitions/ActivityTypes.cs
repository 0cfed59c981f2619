namespace ThiDua.Workflows.Definitions;

public static class ActivityTypes
{
    public const string Start = "Start";
    public const string End = "End";
    public const string Approval = "Approval";
    public const string CouncilVote = "CouncilVote";
    public const string Switch = "Switch";
    public const string Fork = "Fork";
    public const string Join = "Join";
    public const string Timer = "Timer";
    public const string SendEmail = "SendEmail";
    public const string CallWorkflow = "CallWorkflow";
    public const string SetStatus = "SetStatus";
}
