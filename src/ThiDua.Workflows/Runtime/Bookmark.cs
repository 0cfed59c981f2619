namespace ThiDua.Workflows.Runtime;

public enum BookmarkKind { HumanTask = 0, Vote = 1, Timer = 2, SubWorkflow = 3 }

public enum BookmarkStatus { Open = 0, Completed = 1, Cancelled = 2 }

/// <summary>
/// A place where an instance waits: a human task, a council vote, a timer or a child workflow.
/// Everything needed to resume is here (nothing is held in memory), and a timer is just a bookmark
/// with an absolute <see cref="ResumeAt"/>.
/// </summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid DossierId { get; set; }
    public required string NodeId { get; set; }
    public required string NodeName { get; set; }
    public BookmarkKind Kind { get; set; }
    public BookmarkStatus Status { get; set; }

    /// <summary>Role whose holders at <see cref="AssigneeOrgId"/> may act; null for a task given to one person.</summary>
    public string? AssigneeRole { get; set; }
    public Guid? AssigneeOrgId { get; set; }
    public string? AssigneeOrgName { get; set; }
    public Guid? AssigneeUserId { get; set; }

    /// <summary>Comma-separated outcomes a person may choose, in the author's order.</summary>
    public string AllowedOutcomes { get; set; } = "";
    /// <summary>Comma-separated outcomes that need a written reason (a return or a refusal must say why).</summary>
    public string CommentRequiredFor { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public DateTime? ResumeAt { get; set; }
    /// <summary>Set when the task was escalated for being overdue, so it is escalated once.</summary>
    public DateTime? EscalatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
    public Guid? CompletedByUserId { get; set; }
    public string? CompletedByName { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? IdempotencyKey { get; set; }

    // Council vote: the tally is counted here, ballots only record who has voted (and, when the ballot is open, how).
    public int? VoteMembers { get; set; }
    public double? VoteQuorum { get; set; }
    public double? VoteThreshold { get; set; }
    public bool VoteSecret { get; set; }
    public int VoteYes { get; set; }
    public int VoteNo { get; set; }

    public Guid? ChildInstanceId { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> Outcomes => Split(AllowedOutcomes);
    public IReadOnlyList<string> OutcomesNeedingComment => Split(CommentRequiredFor);

    internal static string Join(IEnumerable<string> values) => string.Join(',', values);
    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
