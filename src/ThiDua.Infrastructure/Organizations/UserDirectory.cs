using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Organizations;

public sealed class UserDirectory(ThiDuaDbContext db)
{
    /// <summary>
    /// The person with their roles, or null once the account is disabled. Every request loads them, so the two queries
    /// are compiled like the approval path's (a LINQ query is examined again on each call).
    /// </summary>
    public async Task<CurrentUser?> LoadAsync(Guid userId, CancellationToken ct)
    {
        var queries = ApprovalPathQueries.Of(db);
        var user = await queries.ActiveUser(db, userId);
        if (user is null)
            return null;
        var roles = await queries.RolesOf(db, userId).ToListAsync(ct);
        return new CurrentUser(user.Id, user.Username, user.DisplayName, roles);
    }
}
