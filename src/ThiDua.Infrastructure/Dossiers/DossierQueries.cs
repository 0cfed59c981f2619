using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Infrastructure.Text;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>Read side of dossiers: the tracking list and the dossier page, both limited to what the person may see.</summary>
public sealed class DossierQueries(ThiDuaDbContext db, OrgTree tree, IWorkingCalendar calendar, TimeProvider time, TrigramStatistics trigrams,
    SqliteSearchContexts? searchContexts = null)
{
    public const int MaxPageSize = 200;
    /// <summary>
    /// Counting stops here and the board says "more than 1,000": an exact count of a million visible rows reads them
    /// all on every page view, while nobody pages through a thousand dossiers (they narrow the filters).
    /// </summary>
    public const int CountLimit = 1_000;

    public async Task<PagedResult<DossierListItem>> ListAsync(CurrentUser user, DossierListQuery query, CancellationToken ct)
    {
        if (searchContexts is null || string.IsNullOrWhiteSpace(query.Q))
            return await ListAsync(db, user, query, ct);
        // A search reads rows scattered over the file; its connection keeps a large cache of them (see SqliteSearchContexts).
        using var lease = searchContexts.Rent();
        return await ListAsync(lease.Db, user, query, ct);
    }

    private async Task<PagedResult<DossierListItem>> ListAsync(ThiDuaDbContext db, CurrentUser user, DossierListQuery query, CancellationToken ct)
    {
        var view = await tree.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        // With a search term, the rows come from the search index: "driven" reads the index's matches first (for the
        // first CountLimit + 1), "probed" lets the database walk a date-ordered index and test membership (for a page).
        DossierTextSearch.Sources? search = null;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var folded = SearchText.Fold(query.Q);
            if (folded.Length > 100)
                throw AppException.Invalid("q", "Từ khóa tìm kiếm dài quá 100 ký tự.");
            search = await DossierTextSearch.MatchingAsync(db, trigrams, folded, query.Q.Trim(), user.IsSystemAdmin ? null : user.OrgIds, ct);
        }
        if (!string.IsNullOrWhiteSpace(query.Status) && !DossierStates.All.Contains(query.Status))
            throw AppException.Invalid("status", $"Trạng thái '{query.Status}' không hợp lệ (dùng: {string.Join(", ", DossierStates.All)}).");
        List<Guid>? units = null;
        if (!string.IsNullOrWhiteSpace(query.Org))
        {
            var org = (Guid.TryParse(query.Org, out var oid) ? view.Find(oid) : view.FindByCode(query.Org))
                ?? throw AppException.Invalid("org", "Tổ chức không tồn tại.");
            units = view.SelfAndDescendants(org.Id).Select(o => o.Id).ToList();
        }

        // Filters on the dossier's own columns; state and overdue are added apart, as a grant carries copies of them.
        var narrowing = new List<Expression<Func<Dossier, bool>>>();
        if (units is not null)
            narrowing.Add(d => units.Contains(d.UnitOrgId));
        if (!string.IsNullOrWhiteSpace(query.AwardForm))
            narrowing.Add(d => d.AwardFormCode == query.AwardForm);
        if (!string.IsNullOrWhiteSpace(query.Movement) && Guid.TryParse(query.Movement, out var movementId))
            narrowing.Add(d => d.MovementId == movementId);
        if (!string.IsNullOrWhiteSpace(query.Level))
            narrowing.Add(d => d.Level == query.Level);
        IQueryable<Dossier> Narrowed(IQueryable<Dossier> q) => narrowing.Aggregate(q.AsNoTracking(), (n, w) => n.Where(w));
        IQueryable<Dossier> Filtered(IQueryable<Dossier> q)
        {
            q = Narrowed(q);
            if (!string.IsNullOrWhiteSpace(query.Status))
                q = q.Where(d => d.State == query.Status);
            if (query.Overdue is { } overdue)
                q = overdue ? q.Where(d => d.EarliestDueAt < now) : q.Where(d => d.EarliestDueAt == null || d.EarliestDueAt >= now);
            return q;
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = PageOrder.Clamp(query.Page, pageSize);
        var orgs = user.OrgIds;
        // The first CountLimit + 1 matches (id and date only) answer both "how many" and, for a small result, "which
        // page": it is sorted here. Only a large result is paged by the database, newest first from a date-ordered
        // index, where the first pages are found after a few rows.
        List<Head> head;
        Func<int, Task<List<Guid>>> pageOfMany;
        if (!user.IsSystemAdmin && search is null && orgs.Count == 1)
        {
            // One organization's dossiers come from its grants, which carry the dossier's state and dates: counting
            // and paging are ranges of one (OrgId, …, UpdatedAt, DossierId) index, however many grants it holds.
            var grants = Granted(db, orgs[0], query.Status, query.Overdue, now);
            if (narrowing.Count > 0)
            {
                var matching = Narrowed(db.Dossiers);
                grants = grants.Where(a => matching.Any(d => d.Id == a.DossierId));
            }
            head = await grants.Select(a => new Head(a.DossierId, a.UpdatedAt ?? DateTime.MinValue)).Take(CountLimit + 1).ToListAsync(ct);
            pageOfMany = skip => grants.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.DossierId)
                .Skip(skip).Take(pageSize).Select(a => a.DossierId).ToListAsync(ct);
        }
        else
        {
            var q = Filtered(search?.Driven ?? db.Dossiers);
            // A person's matches are looked up from their organizations' grants (a seek on DossierAccess) rather
            // than by probing the grants of every dossier.
            var candidates = user.IsSystemAdmin || search is { DrivenChecksGrants: true } ? q
                // With a search, the index's few matches are checked against the grants, not an office's every grant searched.
                : search is not null ? q.Where(d => db.DossierAccess.Any(a => a.DossierId == d.Id && orgs.Contains(a.OrgId)))
                : q.Where(d => db.DossierAccess.Where(a => orgs.Contains(a.OrgId)).Select(a => a.DossierId).Contains(d.Id));
            head = await candidates.Select(d => new Head(d.Id, d.UpdatedAt)).Take(CountLimit + 1).ToListAsync(ct);
            pageOfMany = skip =>
            {
                var ordered = search is null ? q : Filtered(search.Probed);
                var visible = user.IsSystemAdmin ? ordered : ordered.Where(d => db.DossierAccess.Any(a => a.DossierId == d.Id && orgs.Contains(a.OrgId)));
                return visible.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id).Skip(skip).Take(pageSize).Select(d => d.Id).ToListAsync(ct);
            };
        }
        var total = Math.Min(head.Count, CountLimit);
        var pageIds = head.Count <= CountLimit
            ? head.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id.ToString().ToUpperInvariant(), StringComparer.Ordinal)
                .Skip((page - 1) * pageSize).Take(pageSize).Select(d => d.Id).ToList()
            : await pageOfMany((page - 1) * pageSize);
        var rows = (await db.Dossiers.AsNoTracking().Where(d => pageIds.Contains(d.Id))
            .Select(d => new
            {
                d.Id, d.Code, d.NomineeKind, d.NomineeName, d.AwardFormCode, d.UnitOrgId, d.MovementId,
                d.State, d.StatusLabel, d.Level, d.SubmittedAt, d.UpdatedAt,
            })
            .ToListAsync(ct)).InOrderOf(pageIds, r => r.Id);

        var ids = pageIds;
        var steps = await CurrentStepsAsync(db, ids, ct);
        var awards = await db.AwardForms.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var movementIds = rows.Where(r => r.MovementId != null).Select(r => r.MovementId!.Value).Distinct().ToList();
        var movements = await db.Movements.AsNoTracking().Where(m => movementIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);

        var items = rows.Select(r => new DossierListItem(
            r.Id, r.Code, r.NomineeKind, r.NomineeName, r.AwardFormCode, awards.GetValueOrDefault(r.AwardFormCode, r.AwardFormCode),
            r.UnitOrgId, view.Find(r.UnitOrgId)?.Name ?? "", r.MovementId is { } m ? movements.GetValueOrDefault(m) : null,
            r.State, Vocabulary.State(r.State), r.StatusLabel, r.Level, r.SubmittedAt, r.UpdatedAt,
            steps.GetValueOrDefault(r.Id)?.FirstOrDefault())).ToList();
        return new PagedResult<DossierListItem>(items, total, page, pageSize) { TotalIsLowerBound = head.Count > CountLimit };
    }

    private sealed record Head(Guid Id, DateTime UpdatedAt);

    /// <summary>An organization's grants, narrowed by the dossier state and overdue copies they carry.</summary>
    private static IQueryable<DossierAccess> Granted(ThiDuaDbContext db, Guid org, string? status, bool? overdue, DateTime now)
    {
        var grants = db.DossierAccess.AsNoTracking().Where(a => a.OrgId == org);
        if (!string.IsNullOrWhiteSpace(status))
            grants = grants.Where(a => a.State == status);
        if (overdue is { } o)
            grants = o ? grants.Where(a => a.EarliestDueAt < now) : grants.Where(a => a.EarliestDueAt == null || a.EarliestDueAt >= now);
        return grants;
    }

    public async Task<DossierDetails> GetAsync(CurrentUser user, Guid id, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, id, ct);
        var view = await tree.GetAsync(ct);
        var award = await db.AwardForms.AsNoTracking().FirstOrDefaultAsync(a => a.Code == dossier.AwardFormCode, ct);
        var movement = dossier.MovementId is { } mid ? await db.Movements.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mid, ct) : null;
        var submitter = dossier.SubmittedBy is { } sid ? await db.Users.Where(u => u.Id == sid).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var steps = (await CurrentStepsAsync([id], ct)).GetValueOrDefault(id) ?? [];
        var journal = await db.Journal.AsNoTracking().Where(j => j.DossierId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
        var history = journal
            .Where(j => j.Kind is not (JournalKinds.Started or JournalKinds.SubWorkflowStarted or JournalKinds.TimerScheduled))
            .Select(j => new HistoryItem(j.At, j.Kind, Vocabulary.JournalKind(j.Kind), j.NodeName, j.ActorName, j.OrgName, j.Outcome, Vocabulary.Outcome(j.Outcome), j.Comment, j.Data))
            .ToList();
        var lastReturn = dossier.State == DossierStates.Returned
            ? journal.LastOrDefault(j => j.Kind == JournalKinds.TaskCompleted && j.Outcome == ThiDua.Workflows.Definitions.Outcomes.Return)?.Comment
            : null;

        var openTasks = await db.Bookmarks.AsNoTracking().Where(b => b.DossierId == id && b.Status == BookmarkStatus.Open && (b.Kind == BookmarkKind.HumanTask || b.Kind == BookmarkKind.Vote)).ToListAsync(ct);
        var mine = new List<Guid>();
        foreach (var b in openTasks)
        {
            if (!TaskService.CanAct(user, b))
                continue;
            if (b.Kind == BookmarkKind.Vote && await db.Ballots.AnyAsync(v => v.BookmarkId == b.Id && v.UserId == user.Id, ct))
                continue;
            mine.Add(b.Id);
        }
        var isSecretary = user.Has(Roles.Secretary, dossier.UnitOrgId);
        return new DossierDetails(
            dossier.Id, dossier.Code, dossier.NomineeKind, NomineeKinds.VietnameseName(dossier.NomineeKind), dossier.NomineeName, dossier.NomineeTitle,
            dossier.AwardFormCode, award?.Name ?? dossier.AwardFormCode, award?.DecidedBy ?? "", dossier.UnitOrgId, view.PathName(dossier.UnitOrgId),
            dossier.MovementId, movement?.Name, dossier.Period, dossier.Summary,
            dossier.State, Vocabulary.State(dossier.State), dossier.StatusLabel, dossier.Level, dossier.Result,
            dossier.CreatedAt, dossier.SubmittedAt, submitter, dossier.CompletedAt, dossier.Version,
            steps, history, lastReturn,
            CanEdit: isSecretary && dossier.State is DossierStates.Draft or DossierStates.Returned,
            CanSubmit: isSecretary && (dossier.State == DossierStates.Draft || (dossier.State == DossierStates.Returned && openTasks.Any(t => t.AssigneeUserId == user.Id))),
            MyTaskIds: mine);
    }

    /// <summary>Open tasks, votes and timers per dossier, with working days waited and overdue flag.</summary>
    public Task<Dictionary<Guid, List<CurrentStep>>> CurrentStepsAsync(IReadOnlyCollection<Guid> dossierIds, CancellationToken ct) =>
        CurrentStepsAsync(db, dossierIds, ct);

    private async Task<Dictionary<Guid, List<CurrentStep>>> CurrentStepsAsync(ThiDuaDbContext db, IReadOnlyCollection<Guid> dossierIds, CancellationToken ct)
    {
        if (dossierIds.Count == 0)
            return [];
        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.Bookmarks.AsNoTracking()
            .Where(b => dossierIds.Contains(b.DossierId) && b.Status == BookmarkStatus.Open && b.Kind != BookmarkKind.SubWorkflow)
            .OrderBy(b => b.CreatedAt)
            .ToListAsync(ct);
        var userIds = open.Where(b => b.AssigneeUserId != null).Select(b => b.AssigneeUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return open.GroupBy(b => b.DossierId).ToDictionary(g => g.Key, g => g.Select(b => new CurrentStep(
            b.Id, b.NodeName, Vocabulary.BookmarkKind(b.Kind), b.AssigneeOrgId, b.AssigneeOrgName,
            b.AssigneeUserId is { } u ? names.GetValueOrDefault(u) : b.AssigneeRole is { } r ? Roles.VietnameseName(r) : null,
            b.CreatedAt, b.DueAt ?? b.ResumeAt, Math.Max(0, calendar.WorkingDaysBetween(b.CreatedAt, now)),
            b.DueAt is { } due && due < now)).ToList());
    }
}
