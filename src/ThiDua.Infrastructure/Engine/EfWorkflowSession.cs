using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// The runtime's unit of work on EF Core. Everything a run produces is tracked by one DbContext and written
/// by one SaveChanges (one transaction); the version columns turn a concurrent second writer into a conflict.
/// </summary>
public sealed class EfWorkflowSession(ThiDuaDbContext db, OrgTree tree, TimeProvider time) : IWorkflowSession
{
    private readonly HashSet<(Guid OrgId, Guid DossierId)> _access = [];
    private readonly List<object> _untracked = [];

    public ThiDuaDbContext Db => db;

    // What this run already loaded or added first (as Find does), else one compiled query.
    public async ValueTask<WorkflowInstance?> FindInstanceAsync(Guid id, CancellationToken ct) =>
        Local(db.Instances).FindEntry(id)?.Entity ?? await ApprovalPathQueries.Of(db).Instance(db, id);

    public async ValueTask<Bookmark?> FindBookmarkAsync(Guid id, CancellationToken ct) =>
        Local(db.Bookmarks).FindEntry(id)?.Entity ?? await ApprovalPathQueries.Of(db).Bookmark(db, id);

    public async ValueTask<IReadOnlyList<Bookmark>> OpenBookmarksAsync(Guid instanceId, CancellationToken ct)
    {
        // Loading attaches them; Local then also holds the ones this run added but has not saved yet.
        await foreach (var _ in ApprovalPathQueries.Of(db).OpenBookmarks(db, instanceId).WithCancellation(ct))
        {
        }
        return Local(db.Bookmarks).Where(b => b.InstanceId == instanceId && b.Status == BookmarkStatus.Open).ToList();
    }

    public async ValueTask<bool> HasVotedAsync(Guid bookmarkId, Guid userId, CancellationToken ct) =>
        Local(db.Ballots).Any(b => b.BookmarkId == bookmarkId && b.UserId == userId)
        || await db.Ballots.AnyAsync(b => b.BookmarkId == bookmarkId && b.UserId == userId, ct);

    public async ValueTask<DossierFacts?> LoadDossierAsync(Guid dossierId, CancellationToken ct)
    {
        var dossier = Local(db.Dossiers).FindEntry(dossierId)?.Entity ?? await ApprovalPathQueries.Of(db).Dossier(db, dossierId);
        if (dossier is null)
            return null;
        var view = await tree.GetAsync(ct);
        var names = await ReferenceCache.GetAsync(db, new NamesKey(dossier.AwardFormCode, dossier.MovementId),
            () => ApprovalPathQueries.Of(db).Names(db, dossier.AwardFormCode, dossier.MovementId));
        return DossierFactsOf(dossier, view.Find(dossier.UnitOrgId)?.Name, names?.Award, names?.Movement);
    }

    private readonly record struct NamesKey(string AwardFormCode, Guid? MovementId);

    public static DossierFacts DossierFactsOf(Dossier d, string? unitName, string? awardName, string? movementName) =>
        new(d.Id, d.UnitOrgId, d.SubmittedBy, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["dossierCode"] = d.Code,
            ["nomineeKind"] = d.NomineeKind,
            ["nomineeName"] = d.NomineeName,
            ["nomineeTitle"] = d.NomineeTitle,
            ["awardForm"] = d.AwardFormCode,
            ["awardFormName"] = awardName,
            ["unitName"] = unitName,
            ["movementName"] = movementName,
            ["period"] = d.Period,
        });

    /// <summary>
    /// What the context tracks, without DbSet.Local's DetectChanges: that compares every tracked entity with its
    /// snapshot on each access, about a twentieth of an approval's CPU over its lookups here. These only look up by key
    /// or read the tracked objects' current values, which do not need it; SaveAsync detects changes once.
    /// </summary>
    private LocalView<T> Local<T>(DbSet<T> set) where T : class
    {
        var tracker = db.ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled)
            return set.Local;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return set.Local;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }

    public void Add(WorkflowInstance instance) => db.Instances.Add(instance);

    public void Add(Bookmark bookmark)
    {
        db.Bookmarks.Add(bookmark);
        if (bookmark.AssigneeOrgId is { } org)
            _access.Add((org, bookmark.DossierId));
    }

    // Journal entries and emails are only ever added by a run: they are saved without being tracked (SqliteRowStatements).
    public void Add(JournalEntry entry) => _untracked.Add(entry);

    public void Add(OutboxMessage message) => _untracked.Add(message);

    public void Add(VoteBallot ballot) => db.Ballots.Add(ballot);

    /// <summary>
    /// Forgets what a refused or failed run produced, tracked or not, so that a later save in the same scope cannot
    /// write it. Use it, not the change tracker's Clear, wherever a run may have added rows.
    /// </summary>
    public void Discard()
    {
        db.ChangeTracker.Clear();
        _untracked.Clear();
        _access.Clear();
    }

    public void DossierProgressChanged(Guid dossierId, DossierProgress progress)
    {
        var dossier = Local(db.Dossiers).FindEntry(dossierId)?.Entity ?? db.Dossiers.Find(dossierId)
            ?? throw new WorkflowException(WorkflowErrorCode.NotFound, "Không tìm thấy hồ sơ.");
        var now = time.GetUtcNow().UtcDateTime;
        if (progress.Label is not null)
            dossier.StatusLabel = progress.Label;
        if (progress.Level is not null)
            dossier.Level = progress.Level;
        if (progress.State is not null)
            dossier.State = progress.State;
        if (progress.Result is not null)
        {
            dossier.Result = progress.Result;
            dossier.CompletedAt = now;
        }
        dossier.UpdatedAt = now;
        dossier.Version++;
    }

    /// <summary>Grants visibility to the given organizations; duplicates are ignored at save time.</summary>
    public void GrantAccess(Guid dossierId, IEnumerable<Guid> orgIds)
    {
        foreach (var org in orgIds)
            _access.Add((org, dossierId));
    }

    /// <summary>Commits everything of the run at once. Throws <see cref="DbUpdateConcurrencyException"/> when another writer got there first.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (_access.Count > 0)
        {
            // A run touches one dossier (two with a sub-workflow's parent): one compiled lookup each.
            var have = new HashSet<(Guid, Guid)>();
            foreach (var dossierId in _access.Select(a => a.DossierId).Distinct().ToList())
                await foreach (var org in ApprovalPathQueries.Of(db).AccessOrgs(db, dossierId).WithCancellation(ct))
                    have.Add((org, dossierId));
            foreach (var (org, dossier) in _access.Where(a => !have.Contains(a)))
                if (!Local(db.DossierAccess).Any(l => l.OrgId == org && l.DossierId == dossier))
                    db.DossierAccess.Add(new DossierAccess { OrgId = org, DossierId = dossier });
            _access.Clear();
        }
        ct.ThrowIfCancellationRequested();
        try
        {
            await SqliteGroupCommit.SaveChangesAsync(db, _untracked);
        }
        finally
        {
            // Saved, or refused with the rest of the run (whose callers then discard what the context tracks).
            _untracked.Clear();
        }
    }
}
