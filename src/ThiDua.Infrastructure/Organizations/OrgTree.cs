using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Organizations;

/// <summary>
/// The organization tree held in memory: a few hundred rows that every request and every workflow step
/// walks (ancestors, selectors). Reloaded after an administrator changes organizations.
/// </summary>
public sealed class OrgTree(IDbContextFactory<ThiDuaDbContext> factory)
{
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loadLock = new(1, 1);

    private sealed record Snapshot(IReadOnlyDictionary<Guid, Organization> ById, IReadOnlyDictionary<string, Organization> ByCode, ILookup<Guid?, Organization> Children);

    public async ValueTask<OrgTreeView> GetAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } s)
            return new OrgTreeView(s.ById, s.ByCode, s.Children);
        await _loadLock.WaitAsync(ct);
        try
        {
            if (_snapshot is null)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var orgs = await db.Organizations.AsNoTracking().ToListAsync(ct);
                _snapshot = new Snapshot(orgs.ToDictionary(o => o.Id), orgs.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase), orgs.ToLookup(o => o.ParentId));
            }
            return new OrgTreeView(_snapshot.ById, _snapshot.ByCode, _snapshot.Children);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    public void Invalidate() => _snapshot = null;
}

/// <summary>A consistent read of the tree.</summary>
public sealed class OrgTreeView(IReadOnlyDictionary<Guid, Organization> byId, IReadOnlyDictionary<string, Organization> byCode, ILookup<Guid?, Organization> children)
{
    public Organization? Find(Guid id) => byId.GetValueOrDefault(id);

    public Organization? FindByCode(string code) => byCode.GetValueOrDefault(code);

    public IEnumerable<Organization> All => byId.Values;

    public IEnumerable<Organization> Children(Guid? id) => children[id].OrderBy(o => o.SortOrder).ThenBy(o => o.Name, StringComparer.Ordinal);

    /// <summary>The organization itself, then its parent, up to the root.</summary>
    public IEnumerable<Organization> SelfAndAncestors(Guid id)
    {
        var guard = 0;
        for (var cur = Find(id); cur is not null && guard++ < 64; cur = cur.ParentId is { } p ? Find(p) : null)
            yield return cur;
    }

    public IEnumerable<Organization> SelfAndDescendants(Guid id)
    {
        var queue = new Queue<Guid>([id]);
        var seen = new HashSet<Guid>();
        while (queue.TryDequeue(out var cur))
        {
            if (!seen.Add(cur) || Find(cur) is not { } org)
                continue;
            yield return org;
            foreach (var c in children[cur])
                queue.Enqueue(c.Id);
        }
    }

    public string PathName(Guid id) => string.Join(" › ", SelfAndAncestors(id).Reverse().Select(o => o.Name));

    /// <summary>Resolves a workflow organization selector from the dossier's unit (see <see cref="OrgSelectors"/>).</summary>
    public Organization? Resolve(string selector, Guid unitOrgId)
    {
        if (selector.StartsWith(OrgSelectors.FixedPrefix, StringComparison.Ordinal))
            return FindByCode(selector[OrgSelectors.FixedPrefix.Length..]);
        var chain = SelfAndAncestors(unitOrgId).ToList();
        return selector switch
        {
            OrgSelectors.Unit => chain.FirstOrDefault(),
            OrgSelectors.Department => chain.FirstOrDefault(o => o.Kind is OrganizationKind.Department or OrganizationKind.Commune),
            OrgSelectors.Province => chain.FirstOrDefault(o => o.Kind == OrganizationKind.Province),
            OrgSelectors.ProvinceInterior => chain.FirstOrDefault(o => o.Kind == OrganizationKind.Province) is { } p
                ? Children(p.Id).FirstOrDefault(o => o.Function == OrgFunctions.Interior)
                : null,
            OrgSelectors.Central => All.FirstOrDefault(o => o.Function == OrgFunctions.CentralBoard),
            _ => null,
        };
    }
}

public static class OrgFunctions
{
    public const string Interior = "noi-vu";
    public const string CentralBoard = "ban-tdkt-tw";
}
