namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// An organization whose members may see a dossier: its unit and that unit's superiors once submitted,
/// and every organization a step was assigned to. Materialized so visibility is one indexed join at any scale.
/// </summary>
public sealed class DossierAccess
{
    public Guid OrgId { get; set; }
    public Guid DossierId { get; set; }
}
