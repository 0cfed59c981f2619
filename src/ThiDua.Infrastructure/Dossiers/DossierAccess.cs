namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// An organization whose members may see a dossier: its unit and that unit's superiors once submitted,
/// and every organization a step was assigned to. Materialized so visibility is one indexed join at any scale.
/// </summary>
public sealed class DossierAccess
{
    public Guid OrgId { get; set; }
    public Guid DossierId { get; set; }

    // Copies of the dossier's columns that the tracking board filters and sorts an organization's dossiers by, kept
    // by database triggers (migration DossierAccessBoardColumns) in the transaction that changes the dossier or adds
    // the grant; never written by the application. With them an office's "InProgress, newest first" is one range of
    // one index, instead of a look-up of the dossier behind each of its (up to a hundred thousand) grants.
    public string? State { get; private set; }
    public DateTime? UpdatedAt { get; private set; }
    public DateTime? EarliestDueAt { get; private set; }
}
