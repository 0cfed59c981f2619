namespace ThiDua.Workflows.Runtime;

public enum OutboxStatus { Pending = 0, Sending = 1, Sent = 2, Failed = 3 }

/// <summary>
/// An email to send, one row per recipient, written in the same transaction as the step that caused it:
/// if the step rolls back, no email goes out; if it commits, the email is never lost.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Template { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public Guid? ToUserId { get; set; }
    /// <summary>Values for the template, as JSON.</summary>
    public string ModelJson { get; set; } = "{}";
    public Guid? DossierId { get; set; }
    public Guid? InstanceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public string? Subject { get; set; }
    public int Version { get; set; }
}
