using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// The queries every approval runs, compiled once. A LINQ query is otherwise re-examined on each call (closure
/// values extracted, the cache key computed, the shaper looked up); over the ten queries of an approval that was
/// more CPU than SQLite spent answering them.
/// <para>
/// A compiled query belongs to one model, and a process can hold two (SQLite and PostgreSQL side by side in the
/// tests): one set per model.
/// </para>
/// </summary>
internal sealed class ApprovalPathQueries
{
    private static readonly ConcurrentDictionary<IModel, ApprovalPathQueries> PerModel = new();

    public static ApprovalPathQueries Of(ThiDuaDbContext db) => PerModel.GetOrAdd(db.Model, _ => new ApprovalPathQueries());

    public readonly Func<ThiDuaDbContext, Guid, Task<Bookmark?>> Bookmark =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid id) => db.Bookmarks.FirstOrDefault(b => b.Id == id));

    public readonly Func<ThiDuaDbContext, Guid, Task<WorkflowInstance?>> Instance =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid id) => db.Instances.FirstOrDefault(i => i.Id == id));

    public readonly Func<ThiDuaDbContext, Guid, Task<Dossier?>> Dossier =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid id) => db.Dossiers.FirstOrDefault(d => d.Id == id));

    public readonly Func<ThiDuaDbContext, Guid, IAsyncEnumerable<Bookmark>> OpenBookmarks =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid instanceId) => db.Bookmarks.Where(b => b.InstanceId == instanceId && b.Status == BookmarkStatus.Open));

    /// <summary>The award form's and the movement's names in one round trip (the award form always exists: foreign key).</summary>
    public readonly Func<ThiDuaDbContext, string, Guid?, Task<DossierNames?>> Names =
        EF.CompileAsyncQuery((ThiDuaDbContext db, string awardFormCode, Guid? movementId) => db.AwardForms.AsNoTracking()
            .Where(a => a.Code == awardFormCode)
            .Select(a => new DossierNames(a.Name, db.Movements.Where(m => m.Id == movementId).Select(m => m.Name).FirstOrDefault()))
            .FirstOrDefault());

    public readonly Func<ThiDuaDbContext, Guid, IAsyncEnumerable<Guid>> AccessOrgs =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid dossierId) => db.DossierAccess.Where(a => a.DossierId == dossierId).Select(a => a.OrgId));

    public readonly Func<ThiDuaDbContext, string, Guid, IAsyncEnumerable<UserRef>> UsersInRole =
        EF.CompileAsyncQuery((ThiDuaDbContext db, string role, Guid orgId) =>
            from r in db.UserRoles
            join u in db.Users on r.UserId equals u.Id
            where r.OrgId == orgId && r.Role == role && u.IsActive
            orderby u.Username
            select new UserRef(u.Id, u.DisplayName, u.Email));

    public readonly Func<ThiDuaDbContext, Guid, Task<UserRef?>> User =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid id) => db.Users.Where(u => u.Id == id).Select(u => new UserRef(u.Id, u.DisplayName, u.Email)).FirstOrDefault());

    /// <summary>
    /// The signed-in person if still active, read on every request (approvals included): once per role they hold with
    /// where they hold it (higher organizations first), or once with no role. One query where two cost twice EF Core's
    /// and SQLite's work per statement.
    /// </summary>
    public readonly Func<ThiDuaDbContext, Guid, IAsyncEnumerable<UserRoleRow>> ActiveUserWithRoles =
        EF.CompileAsyncQuery((ThiDuaDbContext db, Guid id) =>
            from u in db.Users
            where u.Id == id && u.IsActive
            from r in db.UserRoles.Where(r => r.UserId == u.Id).DefaultIfEmpty()
            from o in db.Organizations.Where(o => o.Id == r!.OrgId).DefaultIfEmpty()
            orderby o!.Kind, o.Name
            select new UserRoleRow(u.Id, u.Username, u.DisplayName, o == null ? null : o.Id, o == null ? null : o.Name, r == null ? null : r.Role));

    public readonly Func<ThiDuaDbContext, string, Task<int?>> LatestVersion =
        EF.CompileAsyncQuery((ThiDuaDbContext db, string definitionId) => db.DefinitionVersions.Where(v => v.DefinitionId == definitionId).Max(v => (int?)v.Version));
}

internal sealed record DossierNames(string Award, string? Movement);

internal sealed record UserRoleRow(Guid Id, string Username, string DisplayName, Guid? OrgId, string? OrgName, string? Role);
