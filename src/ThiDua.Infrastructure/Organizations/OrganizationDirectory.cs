using Microsoft.EntityFrameworkCore;
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
        await (from r in db.UserRoles
               join u in db.Users on r.UserId equals u.Id
               where r.OrgId == orgId && r.Role == role && u.IsActive
               orderby u.Username
               select new UserRef(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);

    public async ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => new UserRef(u.Id, u.DisplayName, u.Email)).FirstOrDefaultAsync(ct);
}
