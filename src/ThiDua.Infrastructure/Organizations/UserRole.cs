namespace ThiDua.Infrastructure.Organizations;

/// <summary>A role held by a user at one organization. A person may hold several (e.g. Giám đốc and council member).</summary>
public sealed class UserRole
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid OrgId { get; set; }
    public required string Role { get; set; }
}
