namespace ThiDua.Workflows.Activities;

/// <summary>Templates the runtime itself sends; definitions name others in SendEmail nodes.</summary>
public static class EmailTemplates
{
    public const string TaskAssigned = "task-assigned";
    public const string VoteOpened = "vote-opened";
}
