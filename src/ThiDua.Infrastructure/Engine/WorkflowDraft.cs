namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// The designer's unpublished work on one definition: at most one draft per definition, replaced on each save
/// and deleted when it is published. Instances never run a draft.
/// </summary>
public sealed class WorkflowDraft
{
    public required string DefinitionId { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    /// <summary>The published version the draft was started from; null for a definition not yet published.</summary>
    public int? BasedOnVersion { get; set; }
}
