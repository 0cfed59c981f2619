using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>Which dossiers a person may see: those their organizations were granted, and all of them for a system administrator.</summary>
public static class DossierAccessPolicy
{
    public static IQueryable<Dossier> Visible(ThiDuaDbContext db, CurrentUser user)
    {
        if (user.IsSystemAdmin)
            return db.Dossiers;
        var orgs = user.OrgIds;
        return db.Dossiers.Where(d => db.DossierAccess.Any(a => a.DossierId == d.Id && orgs.Contains(a.OrgId)));
    }

    public static async Task<Dossier> GetVisibleAsync(ThiDuaDbContext db, CurrentUser user, Guid id, CancellationToken ct) =>
        await Visible(db, user).FirstOrDefaultAsync(d => d.Id == id, ct)
        // 404 rather than 403: someone outside the chain should not learn the dossier exists.
        ?? throw AppException.NotFound("hồ sơ");
}
