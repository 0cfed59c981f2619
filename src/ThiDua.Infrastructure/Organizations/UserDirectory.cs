using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Organizations;

public sealed class UserDirectory(ThiDuaDbContext db)
{
    public async Task<CurrentUser?> LoadAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        if (user is null)
            return null;
        var roles = await (from r in db.UserRoles
                           join o in db.Organizations on r.OrgId equals o.Id
                           where r.UserId == userId
                           orderby o.Kind, o.Name
                           select new RoleAt(o.Id, o.Name, r.Role)).ToListAsync(ct);
        return new CurrentUser(user.Id, user.Username, user.DisplayName, roles);
    }
}
