using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Text;
using ThiDua.Infrastructure.Engine;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Tasks;

/// <summary>The inbox and the decisions taken from it: completing a task and voting.</summary>
public sealed class TaskService(ThiDuaDbContext db, EfWorkflowSession session, WorkflowRuntime runtime, OrgTree tree, TimeProvider time)
{
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>A task is for the named person, or for every holder of its role at its organization.</summary>
    public static bool CanAct(CurrentUser user, Bookmark b) =>
        b.AssigneeUserId is { } uid ? uid == user.Id : b.AssigneeRole is { } role && b.AssigneeOrgId is { } org && user.Has(role, org);

    /// <summary>One open task or vote the person may act on, for the decision page.</summary>
    public async Task<TaskItem> GetAsync(CurrentUser user, Guid taskId, CancellationToken ct)
    {
        var bookmark = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == taskId, ct);
        if (bookmark is null || bookmark.Kind is not (BookmarkKind.HumanTask or BookmarkKind.Vote))
            throw AppException.NotFound("nhiệm vụ");
        await AuthorizedAsync(user, taskId, bookmark.Kind, ct);
        if (bookmark.Status != BookmarkStatus.Open)
            throw AlreadyDone(bookmark);
        if (bookmark.Kind == BookmarkKind.Vote && await db.Ballots.AnyAsync(v => v.BookmarkId == taskId && v.UserId == user.Id, ct))
            throw new AppException(AppErrorKind.Conflict, "Bạn đã bỏ phiếu cho hồ sơ này. Kết quả sẽ có khi đủ thành viên bỏ phiếu.");
        return (await ToItemsAsync([bookmark], ct))[0];
    }

    /// <summary>Page size of the inbox API when the caller does not ask for one.</summary>
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    /// <summary>Counting stops here, as on the tracking board: the count is read on every inbox view.</summary>
    public const int CountLimit = DossierQueries.CountLimit;

    /// <summary>Every open task and vote the person may act on, soonest due first (unpaged: for short lists such as the demo data's).</summary>
    public async Task<IReadOnlyList<TaskItem>> ListAsync(CurrentUser user, CancellationToken ct) =>
        await ToItemsAsync(await Ordered(Actionable(user)).ToListAsync(ct), ct);

    /// <summary>
    /// One page of the inbox, soonest due first. A whole-country office has thousands of open tasks: the page is
    /// chosen, sorted and cut by the database, and only its rows are read and described.
    /// </summary>
    public async Task<PagedResult<TaskItem>> PageAsync(CurrentUser user, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = PageOrder.Clamp(page, pageSize);
        var mine = Actionable(user);
        // The page is chosen from the inbox indexes alone (they hold the sort keys); then only its rows are read, each
        // with its dossier, in the same query. Reading the rows by a list of ids and their dossiers by another took 6 of
        // the 7.5 ms this method spent on a 100-task page of the 1M-dossier bench file.
        var chosen = Ordered(mine).Skip((page - 1) * pageSize).Take(pageSize).Select(b => b.Id);
        var rows = await Ordered(db.Bookmarks.AsNoTracking().Where(b => chosen.Contains(b.Id)))
            .GroupJoin(db.Dossiers.AsNoTracking(), b => b.DossierId, d => d.Id, (b, ds) => new { b, ds })
            .SelectMany(x => x.ds.DefaultIfEmpty(), (x, d) => new TaskRow(x.b, d == null ? null : new DossierHead(d.Code, d.NomineeName, d.AwardFormCode, d.UnitOrgId)))
            .ToListAsync(ct);
        // Most inboxes fit on the first page, which then is the count: the second query is for the long ones.
        var counted = page == 1 && rows.Count < pageSize ? rows.Count : await mine.Select(b => b.Id).Take(CountLimit + 1).CountAsync(ct);
        var items = await DescribeAsync(rows, ct);
        return new PagedResult<TaskItem>(items, Math.Min(counted, CountLimit), page, pageSize) { TotalIsLowerBound = counted > CountLimit };
    }

    /// <summary>How many tasks and votes wait for the person and how many of them are past due, counted by the database.</summary>
    public async Task<(int Total, int Overdue)> CountAsync(CurrentUser user, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = Actionable(user);
        return (await mine.CountAsync(ct), await mine.CountAsync(b => b.DueAt < now, ct));
    }

    /// <summary>Those of the given tasks that the person may act on now (a batch decision checks its choices against it).</summary>
    public async Task<IReadOnlyList<TaskItem>> ListAsync(CurrentUser user, IReadOnlyCollection<Guid> taskIds, CancellationToken ct) =>
        await ToItemsAsync(await Ordered(Actionable(user).Where(b => taskIds.Contains(b.Id))).ToListAsync(ct), ct);

    /// <summary>
    /// The open tasks and votes the person may act on (exactly <see cref="CanAct"/>, so the database can page them):
    /// their own, plus one branch per role for that role's tasks at the organizations where they hold it. The
    /// branches are joined by UNION ALL rather than one OR: each is a seek on its index (Status, AssigneeUserId) or
    /// (Status, AssigneeOrgId, AssigneeRole); with the OR, SQLite read every open bookmark of the country.
    /// </summary>
    private IQueryable<Bookmark> Actionable(CurrentUser user)
    {
        var uid = user.Id;
        var open = db.Bookmarks.AsNoTracking().Where(b => b.Status == BookmarkStatus.Open && (b.Kind == BookmarkKind.HumanTask || b.Kind == BookmarkKind.Vote));
        var mine = open.Where(b => b.AssigneeUserId == uid);
        foreach (var held in user.Roles.GroupBy(r => r.Role))
        {
            var role = held.Key;
            var orgIds = held.Select(r => r.OrgId).Distinct().ToList();
            mine = mine.Concat(open.Where(b => b.AssigneeUserId == null && b.AssigneeRole == role && orgIds.Contains(b.AssigneeOrgId!.Value)));
        }
        return mine.Where(b => b.Kind != BookmarkKind.Vote || !db.Ballots.Any(v => v.BookmarkId == b.Id && v.UserId == uid));
    }

    /// <summary>Soonest due first, undated last, then oldest; the id makes pages stable.</summary>
    private static IQueryable<Bookmark> Ordered(IQueryable<Bookmark> tasks) =>
        tasks.OrderBy(b => b.DueAt == null).ThenBy(b => b.DueAt).ThenBy(b => b.CreatedAt).ThenBy(b => b.Id);

    private async Task<IReadOnlyList<TaskItem>> ToItemsAsync(List<Bookmark> tasks, CancellationToken ct)
    {
        var dossierIds = tasks.Select(t => t.DossierId).Distinct().ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => dossierIds.Contains(d.Id))
            .Select(d => new { d.Id, Head = new DossierHead(d.Code, d.NomineeName, d.AwardFormCode, d.UnitOrgId) }).ToDictionaryAsync(d => d.Id, d => d.Head, ct);
        return await DescribeAsync(tasks.Select(t => new TaskRow(t, dossiers.GetValueOrDefault(t.DossierId))).ToList(), ct);
    }

    /// <summary>The inbox's lines for tasks whose dossiers are already read: award names and units looked up once.</summary>
    private async Task<List<TaskItem>> DescribeAsync(IReadOnlyList<TaskRow> rows, CancellationToken ct)
    {
        var awards = await db.AwardForms.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var view = await tree.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return rows.Select(r => Item(r.Task, r.Dossier, awards, view, now)).ToList();
    }

    /// <summary>What the inbox shows of a task: its dossier in a few words, where it waits, and the choices it offers.</summary>
    private static TaskItem Item(Bookmark t, DossierHead? d, Dictionary<string, string> awards, OrgTreeView view, DateTime now) =>
        new(t.Id, t.DossierId, d?.Code ?? "", d?.NomineeName ?? "", d is null ? "" : awards.GetValueOrDefault(d.AwardFormCode, d.AwardFormCode),
            d is null ? "" : view.Find(d.UnitOrgId)?.Name ?? "", t.NodeName, Vocabulary.BookmarkKind(t.Kind), t.AssigneeOrgId, t.AssigneeOrgName,
            t.CreatedAt, t.DueAt, t.DueAt is { } due && due < now, Options(t),
            t.Kind == BookmarkKind.Vote ? new VoteInfo(t.VoteMembers ?? 0, t.VoteThreshold ?? 1, t.VoteQuorum ?? 0, t.VoteSecret) : null);

    private sealed record DossierHead(string Code, string NomineeName, string AwardFormCode, Guid UnitOrgId);

    private sealed record TaskRow(Bookmark Task, DossierHead? Dossier);

    public static IReadOnlyList<OutcomeOption> Options(Bookmark b) => b.Kind == BookmarkKind.Vote
        ? [new("Yes", "Tán thành", false), new("No", "Không tán thành", false)]
        : b.Outcomes.Select(o => new OutcomeOption(o, Vocabulary.Outcome(o), b.OutcomesNeedingComment.Contains(o))).ToList();

    public async Task<TaskCompletionResult> CompleteAsync(CurrentUser user, Guid taskId, string? outcome, string? comment, string? idempotencyKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(outcome))
            throw AppException.Invalid("outcome", "Chọn kết quả xử lý (outcome).");
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
            throw AppException.Invalid("idempotencyKey", $"Khóa chống trùng (idempotencyKey) dài quá {MaxIdempotencyKeyLength} ký tự.");
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();

        var bookmark = await AuthorizedAsync(user, taskId, BookmarkKind.HumanTask, ct);
        if (Replay(user, bookmark, key) is { } replay)
            return replay;
        try
        {
            await runtime.CompleteTaskAsync(session, taskId, new TaskCompletion(outcome.Trim(), comment, user.Actor, key), ct);
            await session.SaveAsync(ct);
        }
        catch (WorkflowException)
        {
            // Refused: forget what the run changed in memory so a later save in this scope cannot write it.
            session.Discard();
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone (or this same request, retried) completed it in between: answer from what is stored now.
            session.Discard();
            var stored = await db.Bookmarks.AsNoTracking().FirstAsync(b => b.Id == taskId, ct);
            return Replay(user, stored, key) ?? throw AlreadyDone(stored);
        }
        return Result(bookmark);
    }

    public async Task<VoteResult> VoteAsync(CurrentUser user, Guid taskId, bool? approve, CancellationToken ct)
    {
        if (approve is null)
            throw AppException.Invalid("approve", "Chọn tán thành (true) hoặc không tán thành (false).");
        var bookmark = await AuthorizedAsync(user, taskId, BookmarkKind.Vote, ct);
        try
        {
            await runtime.CastVoteAsync(session, taskId, user.Actor, approve.Value, ct);
            await session.SaveAsync(ct);
        }
        catch (WorkflowException)
        {
            session.Discard();
            throw;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
                                           || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Two members voting at the same instant both bump the tally; the loser retries once on fresh data.
            session.Discard();
            if (await db.Ballots.AnyAsync(v => v.BookmarkId == taskId && v.UserId == user.Id, ct))
                throw new AppException(AppErrorKind.Conflict, "Bạn đã bỏ phiếu cho hồ sơ này.");
            await runtime.CastVoteAsync(session, taskId, user.Actor, approve.Value, ct);
            await session.SaveAsync(ct);
            bookmark = await db.Bookmarks.FirstAsync(b => b.Id == taskId, ct);
        }
        var closed = bookmark.Status == BookmarkStatus.Completed;
        return new VoteResult(bookmark.Id, bookmark.DossierId, closed, closed ? bookmark.Outcome : null,
            closed ? bookmark.VoteYes : null, closed ? bookmark.VoteNo : null, bookmark.VoteMembers ?? 0);
    }

    private async Task<Bookmark> AuthorizedAsync(CurrentUser user, Guid taskId, BookmarkKind kind, CancellationToken ct)
    {
        var bookmark = await ApprovalPathQueries.Of(db).Bookmark(db, taskId);
        if (bookmark is null || bookmark.Kind != kind)
            throw AppException.NotFound(kind == BookmarkKind.Vote ? "phiên bỏ phiếu" : "nhiệm vụ");
        if (!CanAct(user, bookmark))
        {
            var visible = await DossierAccessPolicy.Visible(db, user).AnyAsync(d => d.Id == bookmark.DossierId, ct);
            if (!visible)
                throw AppException.NotFound(kind == BookmarkKind.Vote ? "phiên bỏ phiếu" : "nhiệm vụ");
            throw new AppException(AppErrorKind.Forbidden, kind == BookmarkKind.Vote
                ? "Bạn không phải thành viên Hội đồng được bỏ phiếu ở bước này."
                : $"Nhiệm vụ \"{bookmark.NodeName}\" thuộc {bookmark.AssigneeOrgName}; bạn không có quyền xử lý.");
        }
        return bookmark;
    }

    private static TaskCompletionResult? Replay(CurrentUser user, Bookmark b, string? key)
    {
        if (b.Status == BookmarkStatus.Open)
            return null;
        if (key is not null && b.IdempotencyKey == key && b.CompletedByUserId == user.Id)
            return Result(b);
        throw AlreadyDone(b);
    }

    private static AppException AlreadyDone(Bookmark b)
    {
        var by = b.CompletedByName is { } n ? $" bởi {n}" : "";
        var at = b.CompletedAt is { } t ? $" lúc {t.AddHours(7):HH:mm dd/MM/yyyy}" : "";
        var what = b.Status == BookmarkStatus.Cancelled ? "đã bị hủy" : $"đã được xử lý{by}{at} ({Vocabulary.Outcome(b.Outcome).ToLowerInvariant()})";
        return new AppException(AppErrorKind.Conflict, $"Nhiệm vụ \"{b.NodeName}\" {what}. Không thể xử lý lại.");
    }

    private static TaskCompletionResult Result(Bookmark b) => new(b.Id, b.DossierId, b.Outcome!, b.CompletedAt!.Value, b.CompletedByName);
}
