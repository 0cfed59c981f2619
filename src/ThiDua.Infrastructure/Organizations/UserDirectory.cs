using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Organizations;

public sealed class UserDirectory(ThiDuaDbContext db)
{
    /// <summary>
    /// The person with their roles, or null once the account is disabled. Every request loads them, so the query is
    /// compiled like the approval path's (a LINQ query is examined again on each call).
    /// </summary>
    public async Task<CurrentUser?> LoadAsync(Guid userId, CancellationToken ct)
    {
        var rows = await ApprovalPathQueries.Of(db).ActiveUserWithRoles(db, userId).ToListAsync(ct);
        if (rows is not [var user, ..])
            return null;
        var roles = rows.Where(r => r is { OrgId: not null, Role: not null }).Select(r => new RoleAt(r.OrgId!.Value, r.OrgName!, r.Role!)).ToList();
        return new CurrentUser(user.Id, user.Username, user.DisplayName, roles);
    }
}
