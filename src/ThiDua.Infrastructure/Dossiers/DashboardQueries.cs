using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Dossiers;

public sealed record LevelCount(string Level, int Total, int Overdue);

public sealed record Dashboard(IReadOnlyDictionary<string, int> ByState, IReadOnlyList<LevelCount> ByLevel, int OverdueTotal, IReadOnlyList<DossierListItem> Overdue);

/// <summary>Counts for the overview page, over the dossiers the person may see.</summary>
public sealed class DashboardQueries(ThiDuaDbContext db, DossierQueries dossiers, TimeProvider time)
{
    /// <summary>Levels in the order a dossier climbs them, so the chart reads bottom-up.</summary>
    public static readonly string[] LevelOrder = ["Đơn vị", "Sở/ngành", "Tỉnh", "Trung ương"];

    public async Task<Dashboard> GetAsync(CurrentUser user, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var visible = DossierAccessPolicy.Visible(db, user).AsNoTracking();
        var byState = await visible.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var open = visible.Where(d => d.State == DossierStates.InProgress || d.State == DossierStates.Returned);
        var levels = await open.GroupBy(d => d.Level ?? "")
            .Select(g => new { Level = g.Key, Total = g.Count(), Overdue = g.Count(d => d.EarliestDueAt < now) })
            .ToListAsync(ct);
        var byLevel = levels
            .OrderBy(l => Array.IndexOf(LevelOrder, l.Level) is var i and >= 0 ? i : 99).ThenBy(l => l.Level, StringComparer.Ordinal)
            .Select(l => new LevelCount(l.Level.Length == 0 ? "Chưa xác định" : l.Level, l.Total, l.Overdue)).ToList();
        var overdue = await dossiers.ListAsync(user, new DossierListQuery(Overdue: true, PageSize: 10), ct);
        return new Dashboard(byState, byLevel, overdue.Total, overdue.Items);
    }
}
