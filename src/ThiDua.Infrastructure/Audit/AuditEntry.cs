namespace ThiDua.Infrastructure.Audit;

/// <summary>
/// One decision in the append-only audit trail. Entries are written in the same transaction as the decision
/// (so none is lost) and sealed afterwards into one hash chain: <see cref="Hash"/> covers the entry and the
/// previous entry's hash, so changing or removing any sealed entry breaks every hash after it.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public required string Action { get; set; }
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    /// <summary>Position in the chain; null until sealed.</summary>
    public long? Seq { get; set; }
    public string? PrevHash { get; set; }
    public string? Hash { get; set; }
}
