namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// A nomination (hồ sơ đề nghị khen thưởng). The status columns are a projection kept up to date in the
/// same transaction as each workflow step, so the tracking board reads one row instead of replaying history.
/// </summary>
public sealed class Dossier
{
    public Guid Id { get; set; }
    /// <summary>Human reference, e.g. HS-2026-000123.</summary>
    public required string Code { get; set; }
    public required string NomineeKind { get; set; }
    public required string NomineeName { get; set; }
    /// <summary><see cref="Text.SearchText.Fold"/> of the name, for accent-insensitive search.</summary>
    public required string NomineeSearch { get; set; }
    public string? NomineeTitle { get; set; }
    public required string AwardFormCode { get; set; }
    public Guid UnitOrgId { get; set; }
    public Guid? MovementId { get; set; }
    public string? Period { get; set; }
    public string? Summary { get; set; }

    public string State { get; set; } = ThiDua.Workflows.Runtime.DossierStates.Draft;
    public string? StatusLabel { get; set; }
    public string? Level { get; set; }
    public string? Result { get; set; }
    public Guid? InstanceId { get; set; }

    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? SubmittedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>
    /// The earliest due time among the dossier's open bookmarks, kept by database triggers on Bookmarks (migration
    /// DossierEarliestDueAt) in the transaction that changes them; never written by the application. "Overdue" is
    /// this being in the past: one indexed column instead of a search through every open task.
    /// </summary>
    public DateTime? EarliestDueAt { get; private set; }
    public int Version { get; set; }
}
