using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Features.Reference;

/// <summary>Lists a client needs to fill a dossier: award forms (the authority table), movements, organizations.</summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/award-forms", async (ThiDuaDbContext db, CancellationToken ct) =>
            Results.Ok(await db.AwardForms.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder)
                .Select(a => new { a.Code, a.Name, a.DecidedBy, a.DecidingLevel, Definition = a.DefinitionId, a.NomineeKinds }).ToListAsync(ct)))
            .WithTags("Danh mục");

        api.MapGet("/movements", async (ThiDuaDbContext db, CancellationToken ct) =>
            Results.Ok(await db.Movements.AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Code, m.Name, m.PlanReference, m.AllowedAwardForms }).ToListAsync(ct)))
            .WithTags("Danh mục");

        api.MapGet("/organizations", async (OrgTree tree, CancellationToken ct) =>
        {
            var view = await tree.GetAsync(ct);
            return Results.Ok(view.All.OrderBy(o => o.SortOrder).Select(o => new { o.Id, o.Code, o.Name, Kind = o.Kind.ToString(), o.ParentId, o.Function }));
        }).WithTags("Danh mục");
    }
}
