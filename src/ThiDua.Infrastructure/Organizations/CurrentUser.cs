using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Organizations;

/// <summary>The signed-in person with every role they hold, loaded per request so a revoked role stops working at once.</summary>
public sealed record CurrentUser(Guid Id, string Username, string DisplayName, IReadOnlyList<RoleAt> Roles)
{
    public bool Has(string role, Guid orgId) => Roles.Any(r => r.Role == role && r.OrgId == orgId);

    public bool HasAnywhere(string role) => Roles.Any(r => r.Role == role);

    public bool IsSystemAdmin => HasAnywhere(ThiDua.Workflows.Runtime.Roles.SystemAdmin);

    public IReadOnlyList<Guid> OrgIds => Roles.Select(r => r.OrgId).Distinct().ToList();

    public Actor Actor => new(Id, DisplayName);
}

public sealed record RoleAt(Guid OrgId, string OrgName, string Role);
