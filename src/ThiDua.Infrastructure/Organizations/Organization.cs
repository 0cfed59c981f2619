namespace ThiDua.Infrastructure.Organizations;

/// <summary>A node of the organization tree: Bộ / Ban TĐKT TW, UBND tỉnh, Sở, xã, phòng, trung tâm, trường.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    /// <summary>Stable, human-readable key used by definitions ("org:so-khcn-qng") and imports.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public OrganizationKind Kind { get; set; }
    /// <summary>A special role of the organization inside its parent, e.g. "noi-vu" for Sở Nội vụ, "ban-tdkt-tw" for the central board.</summary>
    public string? Function { get; set; }
    public Guid? ParentId { get; set; }
    public string? Email { get; set; }
    public int SortOrder { get; set; }
}
