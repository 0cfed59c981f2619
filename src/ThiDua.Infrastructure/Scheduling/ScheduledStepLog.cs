namespace ThiDua.Infrastructure.Scheduling;

/// <summary>
/// A period-end step that has been carried out, under a key such as "open:{phase}". The key is the primary
/// key, so a step runs once: after downtime every missed step is caught up once, and a second node or a
/// misfired trigger finds it done.
/// </summary>
public sealed class ScheduledStepLog
{
    public required string Key { get; set; }
    public DateTime ExecutedAt { get; set; }
    public string? Detail { get; set; }
}

public enum JobOutcome { Running = 0, Succeeded = 1, Failed = 2 }

/// <summary>One execution of a scheduled job, for the Jobs page: when, how long, what it did or why it failed.</summary>
public sealed class JobRun
{
    public Guid Id { get; set; }
    public required string JobKey { get; set; }
    public required string JobName { get; set; }
    public required string TriggeredBy { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long? DurationMs { get; set; }
    public JobOutcome Outcome { get; set; }
    public string? Summary { get; set; }
    public string? Error { get; set; }
}
