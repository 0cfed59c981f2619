using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Movements;

public sealed record PhaseInput(Guid? Id, string? Name, int StartYear, int EndYear, string? ReviewKind, DateOnly? ReviewDate, int OpenDaysBefore, int DeadlineDaysBefore, int ReminderDaysBeforeDeadline);

public sealed record MovementInput(
    string? Code, string? Name, string? PlanNumber, DateOnly? PlanDate, string? PlanReference, Guid? OwnerOrgId,
    IReadOnlyList<string> AllowedAwardForms, IReadOnlyList<Guid> Participants, string? SemiAnnualReportDue, string? AnnualReportDue,
    int ReportReminderDays, bool JobsEnabled, bool IsActive, IReadOnlyList<PhaseInput> Phases);

/// <summary>Creating and editing movements; every save re-plans the movement's period-end jobs.</summary>
public sealed class MovementService(ThiDuaDbContext db, ScheduleSynchronizer schedule, TimeProvider time, Audit.AuditLog audit)
{
    /// <summary>Movements are managed by system administrators and by leaders/secretaries of the organization that owns them.</summary>
    public static bool CanManage(CurrentUser user, Guid? ownerOrgId) =>
        user.IsSystemAdmin || (ownerOrgId is { } o && (user.Has(Roles.Secretary, o) || user.Has(Roles.Leader, o)));

    /// <summary>The council list of a round names every nominee: only the owning organization's people (and administrators) take it.</summary>
    public static bool CanSeeCompilation(CurrentUser user, Guid? ownerOrgId) =>
        user.IsSystemAdmin || (ownerOrgId is { } o && user.OrgIds.Contains(o));

    public static bool CanCreate(CurrentUser user) => user.IsSystemAdmin || user.HasAnywhere(Roles.Secretary) || user.HasAnywhere(Roles.Leader);

    public async Task<Movement> SaveAsync(CurrentUser user, Guid? id, MovementInput input, CancellationToken ct)
    {
        var movement = id is { } existingId
            ? await db.Movements.FirstOrDefaultAsync(m => m.Id == existingId, ct) ?? throw AppException.NotFound("phong trào")
            : new Movement { Id = Guid.CreateVersion7(), Code = "", Name = "" };
        if (id is not null && !CanManage(user, movement.OwnerOrgId))
            throw new AppException(AppErrorKind.Forbidden, "Chỉ cơ quan chủ trì phong trào hoặc quản trị hệ thống được sửa phong trào này.");
        if (!CanManage(user, input.OwnerOrgId))
            throw new AppException(AppErrorKind.Forbidden, "Bạn chỉ lập phong trào cho cơ quan mình phụ trách.");
        await ValidateAsync(movement.Id, input, ct);

        movement.Code = input.Code!.Trim();
        movement.Name = input.Name!.Trim();
        movement.PlanNumber = Clean(input.PlanNumber);
        movement.PlanDate = input.PlanDate;
        movement.PlanReference = Clean(input.PlanReference);
        movement.OwnerOrgId = input.OwnerOrgId;
        movement.AllowedAwardForms = string.Join(',', input.AllowedAwardForms.Distinct());
        movement.SemiAnnualReportDue = Clean(input.SemiAnnualReportDue);
        movement.AnnualReportDue = Clean(input.AnnualReportDue);
        movement.ReportReminderDays = input.ReportReminderDays;
        if (id is null || (input.JobsEnabled && !movement.JobsEnabled))
            movement.ScheduleFrom = time.GetUtcNow().UtcDateTime;
        movement.JobsEnabled = input.JobsEnabled;
        movement.IsActive = input.IsActive;
        if (id is null)
            db.Movements.Add(movement);

        var existingParticipants = await db.MovementParticipants.Where(p => p.MovementId == movement.Id).ToListAsync(ct);
        db.MovementParticipants.RemoveRange(existingParticipants.Where(p => !input.Participants.Contains(p.OrgId)));
        foreach (var org in input.Participants.Distinct().Where(o => existingParticipants.All(p => p.OrgId != o)))
            db.MovementParticipants.Add(new MovementParticipant { MovementId = movement.Id, OrgId = org });

        var phases = await db.MovementPhases.Where(p => p.MovementId == movement.Id).ToListAsync(ct);
        var kept = input.Phases.Where(p => p.Id is not null).Select(p => p.Id!.Value).ToHashSet();
        var removed = phases.Where(p => !kept.Contains(p.Id)).ToList();
        if (removed.Count > 0 && await db.Rounds.AnyAsync(r => removed.Select(x => x.Id).Contains(r.PhaseId), ct))
            throw new AppException(AppErrorKind.Conflict, "Không xóa được giai đoạn đã mở đợt nhận hồ sơ.");
        db.MovementPhases.RemoveRange(removed);
        foreach (var p in input.Phases)
        {
            var phase = p.Id is { } pid ? phases.FirstOrDefault(x => x.Id == pid) : null;
            if (phase is null)
            {
                phase = new MovementPhase { Id = Guid.CreateVersion7(), MovementId = movement.Id, Name = "" };
                db.MovementPhases.Add(phase);
            }
            phase.Name = p.Name!.Trim();
            phase.StartYear = p.StartYear;
            phase.EndYear = p.EndYear;
            phase.ReviewKind = p.ReviewKind == ReviewKinds.TongKet ? ReviewKinds.TongKet : ReviewKinds.SoKet;
            phase.ReviewDate = p.ReviewDate!.Value;
            phase.OpenDaysBefore = p.OpenDaysBefore;
            phase.DeadlineDaysBefore = p.DeadlineDaysBefore;
            phase.ReminderDaysBeforeDeadline = p.ReminderDaysBeforeDeadline;
        }
        audit.Record(id is null ? "movement.create" : "movement.update", user, "movement:" + movement.Code, movement.Name);
        await db.SaveChangesAsync(ct);
        await schedule.SyncMovementAsync(movement.Id, ct);
        return movement;
    }

    private async Task ValidateAsync(Guid movementId, MovementInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(input.Code) || !Workflows.Definitions.DefinitionReader.IsIdentifierPublic(input.Code.Trim()))
            Error("code", "Mã phong trào chỉ gồm chữ thường không dấu, số và dấu gạch ngang.");
        else if (await db.Movements.AnyAsync(m => m.Code == input.Code.Trim() && m.Id != movementId, ct))
            Error("code", "Mã phong trào đã được dùng.");
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 500)
            Error("name", "Nhập tên phong trào (tối đa 500 ký tự).");
        if (input.AllowedAwardForms.Count == 0)
            Error("allowedAwardForms", "Chọn ít nhất một hình thức khen thưởng.");
        else
        {
            var known = await db.AwardForms.Select(a => a.Code).ToListAsync(ct);
            if (input.AllowedAwardForms.Except(known).FirstOrDefault() is { } unknown)
                Error("allowedAwardForms", $"Hình thức '{unknown}' không có trong bảng thẩm quyền.");
        }
        foreach (var (field, value) in new[] { ("semiAnnualReportDue", input.SemiAnnualReportDue), ("annualReportDue", input.AnnualReportDue) })
            if (!string.IsNullOrWhiteSpace(value) && Scheduling.PeriodEndPlan.ParseMonthDay(value.Trim(), 2024) is null)
                Error(field, "Hạn báo cáo ghi theo dạng MM-dd, ví dụ 06-15.");
        if (input.ReportReminderDays is < 0 or > 60)
            Error("reportReminderDays", "Số ngày nhắc trước hạn báo cáo từ 0 đến 60.");
        for (var i = 0; i < input.Phases.Count; i++)
        {
            var p = input.Phases[i];
            if (string.IsNullOrWhiteSpace(p.Name))
                Error($"phases[{i}].name", $"Giai đoạn {i + 1}: nhập tên giai đoạn.");
            if (p.StartYear is < 2000 or > 2100 || p.EndYear < p.StartYear || p.EndYear > 2100)
                Error($"phases[{i}].years", $"Giai đoạn {i + 1}: năm bắt đầu/kết thúc không hợp lệ.");
            if (p.ReviewDate is null)
                Error($"phases[{i}].reviewDate", $"Giai đoạn {i + 1}: nhập ngày {(p.ReviewKind == ReviewKinds.TongKet ? "tổng kết" : "sơ kết")}.");
            if (p.OpenDaysBefore is < 1 or > 365 || p.DeadlineDaysBefore < 0 || p.DeadlineDaysBefore >= p.OpenDaysBefore || p.ReminderDaysBeforeDeadline < 0
                || p.DeadlineDaysBefore + p.ReminderDaysBeforeDeadline >= p.OpenDaysBefore)
                Error($"phases[{i}].offsets", $"Giai đoạn {i + 1}: mở đợt phải trước hạn nhắc, hạn nhắc trước hạn nộp, hạn nộp trước ngày {ReviewKinds.VietnameseName(p.ReviewKind ?? ReviewKinds.SoKet).ToLowerInvariant()}.");
        }
        if (errors.Count > 0)
            throw new AppException(AppErrorKind.Validation, "Phong trào chưa hợp lệ: " + string.Join(" ", errors.Values.SelectMany(v => v)), errors);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
