namespace ThiDua.Workflows.Runtime;

public enum InstanceStatus { Running = 0, Completed = 1, Cancelled = 2, Faulted = 3 }

/// <summary>
/// A running workflow for one dossier, pinned to the definition version it started on.
/// <see cref="Version"/> is the optimistic-concurrency token: every change bumps it, so two nodes
/// (or two clicks) advancing the same instance cannot both win.
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public Guid DossierId { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public Guid? ParentBookmarkId { get; set; }
    public InstanceStatus Status { get; set; }
    public string? Result { get; set; }
    public string? StatusLabel { get; set; }
    public string? Level { get; set; }
    /// <summary>Join arrivals and variables, serialized by the runtime; opaque to storage.</summary>
    public string StateJson { get; set; } = "{}";
    public string? FaultMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Version { get; set; }
}
