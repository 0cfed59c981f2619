using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Movements;

public sealed class IndexModel(ThiDuaDbContext db, OrgTree tree) : AppPageModel
{
    public sealed record Row(Movement Movement, string? Owner, int Phases, int Participants, DateOnly? NextReview);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        var view = await tree.GetAsync();
        var movements = await db.Movements.AsNoTracking().OrderByDescending(m => m.IsActive).ThenBy(m => m.Name).ToListAsync();
        var phases = await db.MovementPhases.AsNoTracking().ToListAsync();
        var participants = await db.MovementParticipants.AsNoTracking().GroupBy(p => p.MovementId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        Rows = movements.Select(m => new Row(m, m.OwnerOrgId is { } o ? view.Find(o)?.Name : null, phases.Count(p => p.MovementId == m.Id),
            participants.GetValueOrDefault(m.Id), phases.Where(p => p.MovementId == m.Id && p.ReviewDate >= today).Select(p => (DateOnly?)p.ReviewDate).Min())).ToList();
        CanCreate = MovementService.CanCreate(Me);
        return Page();
    });
}
