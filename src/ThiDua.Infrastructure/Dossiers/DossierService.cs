using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Text;
using ThiDua.Infrastructure.Engine;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>Creating, editing and submitting dossiers. Every method checks role and organization itself, so pages and API share the same rules.</summary>
public sealed class DossierService(ThiDuaDbContext db, EfWorkflowSession session, WorkflowRuntime runtime, OrgTree tree, TimeProvider time, Audit.AuditLog audit)
{
    public const int MaxNameLength = 300;
    public const int MaxSummaryLength = 20_000;

    public async Task<Dossier> CreateAsync(CurrentUser user, DossierInput input, CancellationToken ct)
    {
        var view = await tree.GetAsync(ct);
        var unit = ResolveUnit(user, view, input.Unit);
        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(),
            Code = "",
            NomineeKind = "",
            NomineeName = "",
            NomineeSearch = "",
            AwardFormCode = "",
            UnitOrgId = unit.Id,
            CreatedBy = user.Id,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        await ApplyAsync(dossier, input, ct);
        db.Dossiers.Add(dossier);
        db.DossierAccess.Add(new DossierAccess { OrgId = unit.Id, DossierId = dossier.Id });
        audit.Record("dossier.create", user, "dossier:" + dossier.Id, $"{dossier.NomineeName} · {dossier.AwardFormCode}");
        for (var attempt = 1; ; attempt++)
        {
            // On SQLite the creators of this process take turns, so the number read is still free when it is written
            // (four parallel creators used to exhaust the retries below); other nodes are what the retries are for.
            using (await SqliteWriteGate.EnterAsync(db, ct))
            {
                dossier.Code = await NextCodeAsync(ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return dossier;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Most likely another secretary took the same number a moment ago; take the next one.
                    // Anything else fails again on the last attempt and surfaces then.
                }
            }
        }
    }

    public async Task<Dossier> UpdateAsync(CurrentUser user, Guid id, DossierInput input, int? expectedVersion, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, id, ct);
        EnsureSecretaryOf(user, dossier);
        if (dossier.State is not (DossierStates.Draft or DossierStates.Returned))
            throw new AppException(AppErrorKind.Conflict, "Hồ sơ đang được xét duyệt, không sửa được. Chỉ sửa khi hồ sơ còn nháp hoặc bị trả lại.");
        if (expectedVersion is { } v && v != dossier.Version)
            throw new AppException(AppErrorKind.Conflict, "Hồ sơ vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất.");
        if (input.Unit is not null && dossier.State == DossierStates.Draft)
        {
            var unit = ResolveUnit(user, await tree.GetAsync(ct), input.Unit);
            if (unit.Id != dossier.UnitOrgId)
            {
                await db.DossierAccess.Where(a => a.DossierId == dossier.Id).ExecuteDeleteAsync(ct);
                dossier.UnitOrgId = unit.Id;
                db.DossierAccess.Add(new DossierAccess { OrgId = unit.Id, DossierId = dossier.Id });
            }
        }
        await ApplyAsync(dossier, input, ct);
        dossier.UpdatedAt = Now;
        dossier.Version++;
        audit.Record("dossier.update", user, "dossier:" + dossier.Id, $"{dossier.NomineeName} · {dossier.AwardFormCode}");
        await SaveOrConflictAsync(ct);
        return dossier;
    }

    /// <summary>Submits a draft (starts the chain for its award form) or resubmits a returned dossier (continues at the level that returned it).</summary>
    public async Task<Dossier> SubmitAsync(CurrentUser user, Guid id, string? comment, CancellationToken ct)
    {
        try
        {
            return await SubmitCoreAsync(user, id, comment, ct);
        }
        catch (Exception ex) when (ex is WorkflowException or AppException)
        {
            // A refused submit must leave nothing behind for a later save in the same scope.
            session.Discard();
            throw;
        }
    }

    private async Task<Dossier> SubmitCoreAsync(CurrentUser user, Guid id, string? comment, CancellationToken ct)
    {
        var dossier = await DossierAccessPolicy.GetVisibleAsync(db, user, id, ct);
        EnsureSecretaryOf(user, dossier);
        switch (dossier.State)
        {
            case DossierStates.Draft:
                var award = await db.AwardForms.AsNoTracking().FirstOrDefaultAsync(a => a.Code == dossier.AwardFormCode && a.IsActive, ct)
                    ?? throw new AppException(AppErrorKind.Rule, "Hình thức khen thưởng của hồ sơ không còn được áp dụng.");
                await EnsureRoundOpenAsync(dossier, ct);
                dossier.SubmittedBy = user.Id;
                dossier.SubmittedAt = Now;
                dossier.State = DossierStates.InProgress;
                dossier.UpdatedAt = Now;
                dossier.Version++;
                var view = await tree.GetAsync(ct);
                session.GrantAccess(dossier.Id, view.SelfAndAncestors(dossier.UnitOrgId).Select(o => o.Id));
                var facts = await session.LoadDossierAsync(dossier.Id, ct);
                var instance = await runtime.StartAsync(session, award.DefinitionId, facts!, user.Actor, ct);
                dossier.InstanceId = instance.Id;
                break;
            case DossierStates.Returned:
                var supplement = await db.Bookmarks.FirstOrDefaultAsync(b => b.DossierId == id && b.Status == BookmarkStatus.Open
                    && b.Kind == BookmarkKind.HumanTask && b.AssigneeUserId != null, ct)
                    ?? throw new AppException(AppErrorKind.Conflict, "Hồ sơ không còn chờ bổ sung.");
                if (supplement.AssigneeUserId != user.Id)
                {
                    var name = await db.Users.Where(u => u.Id == supplement.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                    throw new AppException(AppErrorKind.Forbidden, $"Chỉ người đã gửi hồ sơ ({name}) mới gửi lại được.");
                }
                await runtime.CompleteTaskAsync(session, supplement.Id, new TaskCompletion(Outcomes.Resubmit, comment, user.Actor), ct);
                break;
            default:
                throw new AppException(AppErrorKind.Conflict, $"Hồ sơ đã được gửi ({Vocabulary.State(dossier.State).ToLowerInvariant()}), không gửi lại được.");
        }
        try
        {
            await session.SaveAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new AppException(AppErrorKind.Conflict, "Hồ sơ vừa được gửi hoặc sửa bởi người khác. Hãy tải lại trang.");
        }
        return dossier;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A unit that was given nomination rounds for the movement may only submit while one is open; the check
    /// is on the deadline itself, so a close step that has not run yet does not let a late dossier through.
    /// </summary>
    private async Task EnsureRoundOpenAsync(Dossier dossier, CancellationToken ct)
    {
        if (dossier.MovementId is not { } movementId)
            return;
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.MovementId == movementId && r.UnitOrgId == dossier.UnitOrgId).ToListAsync(ct);
        if (rounds.Count == 0 || rounds.Any(r => r.Status == Movements.RoundStatus.Open && Now <= r.Deadline))
            return;
        var last = rounds.MaxBy(r => r.Deadline)!;
        var movement = await db.Movements.AsNoTracking().Where(m => m.Id == movementId).Select(m => m.Name).FirstAsync(ct);
        throw new AppException(AppErrorKind.Rule,
            $"Đợt nhận hồ sơ của phong trào \"{movement}\" đã đóng lúc {last.Deadline.AddHours(7):HH:mm 'ngày' dd/MM/yyyy}. Không nhận hồ sơ nộp muộn; hồ sơ được giữ ở dạng nháp.");
    }

    private static void EnsureSecretaryOf(CurrentUser user, Dossier dossier)
    {
        if (!user.Has(Roles.Secretary, dossier.UnitOrgId))
            throw new AppException(AppErrorKind.Forbidden, "Chỉ thư ký / chuyên viên TĐKT của đơn vị lập hồ sơ mới được sửa hoặc gửi hồ sơ.");
    }

    private static Organization ResolveUnit(CurrentUser user, OrgTreeView view, string? unit)
    {
        Organization? org;
        if (string.IsNullOrWhiteSpace(unit))
        {
            var mine = user.Roles.Where(r => r.Role == Roles.Secretary).Select(r => r.OrgId).Distinct().ToList();
            if (mine.Count != 1)
                throw AppException.Invalid("unit", mine.Count == 0 ? "Bạn không phải thư ký của đơn vị nào nên không lập được hồ sơ." : "Hãy chọn đơn vị lập hồ sơ.");
            org = view.Find(mine[0]);
        }
        else
            org = Guid.TryParse(unit, out var gid) ? view.Find(gid) : view.FindByCode(unit.Trim());
        if (org is null)
            throw AppException.Invalid("unit", "Đơn vị không tồn tại.");
        if (!user.Has(Roles.Secretary, org.Id))
            throw new AppException(AppErrorKind.Forbidden, $"Bạn không phải thư ký của {org.Name} nên không lập được hồ sơ cho đơn vị này.");
        return org;
    }

    /// <summary>Validates the input and copies it onto the dossier; throws with every field error at once.</summary>
    internal async Task ApplyAsync(Dossier dossier, DossierInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var kind = input.NomineeKind?.Trim();
        if (string.IsNullOrEmpty(kind) || !NomineeKinds.All.Contains(kind))
            Error("nomineeKind", "Chọn đối tượng: cá nhân (individual), tập thể (collective) hoặc hộ gia đình (household).");
        var name = input.NomineeName?.Trim();
        if (string.IsNullOrEmpty(name))
            Error("nomineeName", "Nhập tên cá nhân / tập thể được đề nghị.");
        else if (name.Length > MaxNameLength)
            Error("nomineeName", $"Tên dài quá {MaxNameLength} ký tự.");
        if (input.NomineeTitle is { Length: > MaxNameLength })
            Error("nomineeTitle", $"Chức vụ dài quá {MaxNameLength} ký tự.");
        if (input.Summary is { Length: > MaxSummaryLength })
            Error("summary", $"Tóm tắt thành tích dài quá {MaxSummaryLength:N0} ký tự.");
        if (input.Period is { Length: > 50 })
            Error("period", "Kỳ xét khen thưởng dài quá 50 ký tự.");

        var awardCode = input.AwardForm?.Trim();
        var award = string.IsNullOrEmpty(awardCode) ? null : await db.AwardForms.AsNoTracking().FirstOrDefaultAsync(a => a.Code == awardCode && a.IsActive, ct);
        if (award is null)
            Error("awardForm", string.IsNullOrEmpty(awardCode) ? "Chọn hình thức khen thưởng." : $"Hình thức khen thưởng '{awardCode}' không tồn tại.");
        else if (kind is not null && !award.NomineeKinds.Split(',').Contains(kind))
            Error("nomineeKind", $"{award.Name} không xét cho đối tượng {NomineeKinds.VietnameseName(kind).ToLowerInvariant()}.");

        Movements.Movement? movement = null;
        if (!string.IsNullOrWhiteSpace(input.Movement))
        {
            var m = input.Movement.Trim();
            movement = Guid.TryParse(m, out var mid)
                ? await db.Movements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == mid, ct)
                : await db.Movements.AsNoTracking().FirstOrDefaultAsync(x => x.Code == m, ct);
            if (movement is null)
                Error("movement", "Phong trào thi đua không tồn tại.");
            else if (award is not null && !movement.AllowedAwardForms.Split(',', StringSplitOptions.TrimEntries).Contains(award.Code))
                Error("awardForm", $"Phong trào \"{movement.Name}\" không xét hình thức {award.Name}.");
        }
        if (errors.Count > 0)
            throw new AppException(AppErrorKind.Validation, "Hồ sơ chưa hợp lệ: " + string.Join(" ", errors.Values.SelectMany(v => v)), errors);

        dossier.NomineeKind = kind!;
        dossier.NomineeName = name!;
        dossier.NomineeSearch = SearchText.Fold(name);
        dossier.NomineeTitle = string.IsNullOrWhiteSpace(input.NomineeTitle) ? null : input.NomineeTitle.Trim();
        dossier.AwardFormCode = award!.Code;
        dossier.MovementId = movement?.Id;
        dossier.Period = string.IsNullOrWhiteSpace(input.Period) ? null : input.Period.Trim();
        dossier.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
    }

    private async Task<string> NextCodeAsync(CancellationToken ct) => (await NextCodesAsync(1, ct))[0];

    /// <summary>The next free dossier numbers of the year (HS-2026-000123); the unique index settles a race.</summary>
    internal async Task<IReadOnlyList<string>> NextCodesAsync(int count, CancellationToken ct)
    {
        var prefix = $"HS-{Now.AddHours(7):yyyy}-";
        var last = await db.Dossiers.Where(d => d.Code.StartsWith(prefix)).OrderByDescending(d => d.Code).Select(d => d.Code).FirstOrDefaultAsync(ct);
        var next = last is not null && int.TryParse(last[prefix.Length..], out var n) ? n + 1 : 1;
        return Enumerable.Range(next, count).Select(i => $"{prefix}{i:000000}").ToList();
    }

    /// <summary>The unit a secretary files for: the one named, or their only unit.</summary>
    internal async Task<Organization> UnitForAsync(CurrentUser user, string? unit, CancellationToken ct) => ResolveUnit(user, await tree.GetAsync(ct), unit);

    private async Task SaveOrConflictAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new AppException(AppErrorKind.Conflict, "Hồ sơ vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất.");
        }
    }
}
