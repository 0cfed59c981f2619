using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Excel;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Notifications;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Scheduling;

/// <summary>
/// Carries out a movement's due period-end steps: open the rounds, remind, close, compile, report reminders.
/// Each step runs in its own transaction together with its emails and its log row, so a step is done
/// exactly once however many times (and on however many nodes) the job fires, and missed steps are caught up.
/// </summary>
public sealed class PeriodEndRunner(ThiDuaDbContext db, OutboxWriter outbox, IWorkingCalendar calendar, OrgTree tree, TimeProvider time, ILogger<PeriodEndRunner> log)
{
    public const string RoundOpened = "round-opened";
    public const string Reminder = "round-reminder";
    public const string RoundCompiled = "round-compiled";
    public const string ReportReminder = "report-reminder";

    /// <summary>Runs the due steps; null when none was due (nothing worth recording).</summary>
    public async Task<string?> RunDueAsync(Guid movementId, CancellationToken ct)
    {
        var movement = await db.Movements.AsNoTracking().FirstOrDefaultAsync(m => m.Id == movementId, ct);
        if (movement is null)
            return "Phong trào không còn tồn tại.";
        if (!movement.IsActive || !movement.JobsEnabled)
            return "Phong trào đã tắt tác vụ định kỳ.";
        var phases = await db.MovementPhases.AsNoTracking().Where(p => p.MovementId == movementId).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var due = PeriodEndPlan.For(movement, phases, calendar).Where(s => s.DueAt <= now && s.DueAt >= movement.ScheduleFrom).ToList();
        var keys = due.Select(s => s.Key).ToList();
        var done = (await db.ScheduledSteps.AsNoTracking().Where(s => keys.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct)).ToHashSet();
        var results = new List<string>();
        foreach (var step in due.Where(s => !done.Contains(s.Key)))
        {
            var detail = await ExecuteAsync(movement, phases.FirstOrDefault(p => p.Id == step.PhaseId), step, ct);
            db.ScheduledSteps.Add(new ScheduledStepLog { Key = step.Key, ExecutedAt = now, Detail = detail });
            try
            {
                await db.SaveChangesAsync(ct);
                results.Add($"{step.Description}: {detail}");
            }
            catch (DbUpdateException)
            {
                // Another node did this step between our check and our save; its result stands, ours is dropped.
                db.ChangeTracker.Clear();
                log.LogInformation("Step {Key} was done elsewhere", step.Key);
            }
        }
        return results.Count == 0 ? null : string.Join(" | ", results);
    }

    private async Task<string> ExecuteAsync(Movement movement, MovementPhase? phase, PlannedStep step, CancellationToken ct)
    {
        var units = await db.MovementParticipants.AsNoTracking().Where(p => p.MovementId == movement.Id).Select(p => p.OrgId).ToListAsync(ct);
        var view = await tree.GetAsync(ct);
        var model = new Dictionary<string, string?>
        {
            ["movementName"] = movement.Name,
            ["planReference"] = movement.PlanReference,
            ["phaseName"] = phase?.Name,
            ["reviewKind"] = phase is null ? null : ReviewKinds.VietnameseName(phase.ReviewKind),
            ["reviewDate"] = phase?.ReviewDate.ToString("dd/MM/yyyy"),
            ["deadline"] = phase is null ? null : PeriodEndPlan.DeadlineOf(phase).AddHours(7).ToString("HH:mm dd/MM/yyyy"),
        };
        var now = time.GetUtcNow().UtcDateTime;
        switch (step.Kind)
        {
            case StepKind.OpenRound:
            {
                var existing = await db.Rounds.Where(r => r.PhaseId == phase!.Id).Select(r => r.UnitOrgId).ToListAsync(ct);
                var opened = 0;
                foreach (var unit in units.Where(u => !existing.Contains(u)))
                {
                    db.Rounds.Add(new NominationRound
                    {
                        Id = Guid.CreateVersion7(), MovementId = movement.Id, PhaseId = phase!.Id, UnitOrgId = unit,
                        OpenedAt = now, Deadline = PeriodEndPlan.DeadlineOf(phase), Status = RoundStatus.Open,
                    });
                    await MailUnitAsync(RoundOpened, unit, view, model, ct);
                    opened++;
                }
                return $"đã mở {opened} đợt";
            }
            case StepKind.Remind:
            {
                var rounds = await db.Rounds.AsNoTracking().Where(r => r.PhaseId == phase!.Id && r.Status == RoundStatus.Open).ToListAsync(ct);
                var reminded = 0;
                foreach (var round in rounds)
                {
                    var submitted = await db.Dossiers.AnyAsync(d => d.MovementId == movement.Id && d.UnitOrgId == round.UnitOrgId && d.SubmittedAt != null && d.SubmittedAt >= round.OpenedAt, ct);
                    if (submitted)
                        continue;
                    await MailUnitAsync(Reminder, round.UnitOrgId, view, model, ct);
                    reminded++;
                }
                return $"đã nhắc {reminded} đơn vị chưa gửi";
            }
            case StepKind.CloseRound:
            {
                var rounds = await db.Rounds.Where(r => r.PhaseId == phase!.Id && r.Status == RoundStatus.Open).ToListAsync(ct);
                foreach (var round in rounds)
                {
                    round.Status = RoundStatus.Closed;
                    round.ClosedAt = now;
                }
                return $"đã đóng {rounds.Count} đợt";
            }
            case StepKind.Compile:
            {
                var rounds = await db.Rounds.AsNoTracking().Where(r => r.PhaseId == phase!.Id).ToListAsync(ct);
                var from = rounds.Count == 0 ? DateTime.MinValue : rounds.Min(r => r.OpenedAt);
                var deadline = PeriodEndPlan.DeadlineOf(phase!);
                var dossiers = await db.Dossiers.AsNoTracking()
                    .Where(d => d.MovementId == movement.Id && d.SubmittedAt != null && d.SubmittedAt >= from && d.SubmittedAt <= deadline && units.Contains(d.UnitOrgId))
                    .OrderBy(d => d.Code).ToListAsync(ct);
                var awards = await db.AwardForms.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
                var xlsx = XlsxWriter.Write("Danh sách trình Hội đồng",
                    ["Mã hồ sơ", "Đối tượng", "Loại", "Hình thức khen thưởng", "Đơn vị", "Ngày gửi", "Trạng thái"],
                    dossiers.Select(d => (IReadOnlyList<object?>)[d.Code, d.NomineeName, NomineeKinds.VietnameseName(d.NomineeKind),
                        awards.GetValueOrDefault(d.AwardFormCode, d.AwardFormCode), view.Find(d.UnitOrgId)?.Name, d.SubmittedAt, d.StatusLabel]));
                var compilation = await db.Compilations.FirstOrDefaultAsync(c => c.PhaseId == phase!.Id, ct);
                if (compilation is null)
                    db.Compilations.Add(new PhaseCompilation { PhaseId = phase!.Id, CompiledAt = now, DossierCount = dossiers.Count, Xlsx = xlsx });
                else
                {
                    compilation.CompiledAt = now;
                    compilation.DossierCount = dossiers.Count;
                    compilation.Xlsx = xlsx;
                }
                if (movement.OwnerOrgId is { } owner)
                {
                    var compiledModel = new Dictionary<string, string?>(model) { ["dossierCount"] = dossiers.Count.ToString() };
                    foreach (var secretary in await outbox.UsersAsync(Roles.Secretary, owner, ct))
                        outbox.Enqueue(RoundCompiled, secretary, compiledModel);
                }
                return $"đã tổng hợp {dossiers.Count} hồ sơ";
            }
            case StepKind.ReportReminder:
            {
                var reportModel = new Dictionary<string, string?>(model) { ["reportName"] = step.Description };
                foreach (var unit in units)
                    await MailUnitAsync(ReportReminder, unit, view, reportModel, ct);
                return $"đã nhắc {units.Count} đơn vị";
            }
            default:
                return "";
        }
    }

    private async Task MailUnitAsync(string template, Guid unit, OrgTreeView view, IReadOnlyDictionary<string, string?> model, CancellationToken ct)
    {
        var unitModel = new Dictionary<string, string?>(model) { ["unitName"] = view.Find(unit)?.Name };
        foreach (var secretary in await outbox.UsersAsync(Roles.Secretary, unit, ct))
            outbox.Enqueue(template, secretary, unitModel);
    }
}
