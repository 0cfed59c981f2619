namespace ThiDua.Infrastructure.Movements;

public enum RoundStatus { Open = 0, Closed = 1 }

/// <summary>One unit's window to submit nominations for a phase's review event. Submissions after it closes are refused.</summary>
public sealed class NominationRound
{
    public Guid Id { get; set; }
    public Guid MovementId { get; set; }
    public Guid PhaseId { get; set; }
    public Guid UnitOrgId { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime Deadline { get; set; }
    public RoundStatus Status { get; set; }
    public DateTime? ClosedAt { get; set; }
}

/// <summary>The list compiled for the council when a phase's rounds closed: the dossiers submitted in time, as an .xlsx.</summary>
public sealed class PhaseCompilation
{
    public Guid PhaseId { get; set; }
    public DateTime CompiledAt { get; set; }
    public int DossierCount { get; set; }
    public required byte[] Xlsx { get; set; }
}
