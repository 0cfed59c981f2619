using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Organizations;

/// <summary>The engine's view of organizations and people, answered from the tree cache and the user tables.</summary>
public sealed class OrganizationDirectory(ThiDuaDbContext db, OrgTree tree) : IOrganizationDirectory
{
    public async ValueTask<OrgRef?> ResolveAsync(string selector, Guid unitOrgId, CancellationToken ct)
    {
        var view = await tree.GetAsync(ct);
        return view.Resolve(selector, unitOrgId) is { } org ? new OrgRef(org.Id, org.Name) : null;
    }

    public async ValueTask<IReadOnlyList<UserRef>> UsersInRoleAsync(string role, Guid orgId, CancellationToken ct) =>
        await ReferenceCache.GetAsync<IReadOnlyList<UserRef>>(db, new RoleKey(role, orgId),
            async () => (await ApprovalPathQueries.Of(db).UsersInRole(db, role, orgId).ToListAsync(ct)).AsReadOnly());

    public async ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct) =>
        await ReferenceCache.GetAsync(db, new UserKey(userId), () => ApprovalPathQueries.Of(db).User(db, userId));

    private readonly record struct RoleKey(string Role, Guid OrgId);

    private readonly record struct UserKey(Guid Id);
}
