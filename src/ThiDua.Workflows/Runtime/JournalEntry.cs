namespace ThiDua.Workflows.Runtime;

/// <summary>Kinds of journal entries; stored as text so the timeline survives new kinds.</summary>
public static class JournalKinds
{
    public const string Started = "Started";
    public const string TaskCreated = "TaskCreated";
    public const string TaskCompleted = "TaskCompleted";
    public const string VoteOpened = "VoteOpened";
    public const string VoteCast = "VoteCast";
    public const string VoteClosed = "VoteClosed";
    public const string StatusChanged = "StatusChanged";
    public const string TimerScheduled = "TimerScheduled";
    public const string TimerFired = "TimerFired";
    public const string EmailQueued = "EmailQueued";
    public const string SubWorkflowStarted = "SubWorkflowStarted";
    public const string Decision = "Decision";
    public const string Ended = "Ended";
    public const string Cancelled = "Cancelled";
    public const string Faulted = "Faulted";
    public const string Escalated = "Escalated";
}

/// <summary>
/// One step of an instance: who, when, where, outcome, comment. Written in the same transaction as the
/// step itself, it is the source of the dossier timeline and of the audit trail.
/// </summary>
public sealed class JournalEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid DossierId { get; set; }
    public DateTime At { get; set; }
    /// <summary>Order within one transaction, because several entries share one timestamp.</summary>
    public long Sequence { get; set; }
    public required string Kind { get; set; }
    public string? NodeId { get; set; }
    public string? NodeName { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public Guid? OrgId { get; set; }
    public string? OrgName { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? Data { get; set; }
}
