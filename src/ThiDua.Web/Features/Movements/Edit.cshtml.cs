using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Web.Features.Movements;

/// <summary>A movement: its schedule of period-end steps, the rounds of each phase, and the form to edit it.</summary>
public sealed class EditModel(ThiDuaDbContext db, MovementService movements, OrgTree tree, IWorkingCalendar calendar, TimeProvider time) : AppPageModel
{
    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public MovementForm Form { get; set; } = new();

    public sealed class PhaseForm
    {
        public Guid? Id { get; set; }
        public string? Name { get; set; }
        public int StartYear { get; set; } = DateTime.UtcNow.Year;
        public int EndYear { get; set; } = DateTime.UtcNow.Year;
        public string ReviewKind { get; set; } = ReviewKinds.SoKet;
        public DateOnly? ReviewDate { get; set; }
        public int OpenDaysBefore { get; set; } = 45;
        public int DeadlineDaysBefore { get; set; } = 10;
        public int ReminderDaysBeforeDeadline { get; set; } = 5;
    }

    public sealed class MovementForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? PlanNumber { get; set; }
        public DateOnly? PlanDate { get; set; }
        public string? PlanReference { get; set; }
        public Guid? OwnerOrgId { get; set; }
        public List<string> AllowedAwardForms { get; set; } = [];
        public List<Guid> Participants { get; set; } = [];
        public string? SemiAnnualReportDue { get; set; }
        public string? AnnualReportDue { get; set; }
        public int ReportReminderDays { get; set; } = 7;
        public bool JobsEnabled { get; set; } = true;
        public bool IsActive { get; set; } = true;
        public List<PhaseForm> Phases { get; set; } = [];

        public MovementInput Input => new(Code, Name, PlanNumber, PlanDate, PlanReference, OwnerOrgId, AllowedAwardForms, Participants,
            SemiAnnualReportDue, AnnualReportDue, ReportReminderDays, JobsEnabled, IsActive,
            Phases.Where(p => p.Id is not null || !string.IsNullOrWhiteSpace(p.Name))
                .Select(p => new PhaseInput(p.Id, p.Name, p.StartYear, p.EndYear, p.ReviewKind, p.ReviewDate, p.OpenDaysBefore, p.DeadlineDaysBefore, p.ReminderDaysBeforeDeadline)).ToList());
    }

    public sealed record StepView(PlannedStep Step, bool Done, string? Detail, bool Skipped);
    public sealed record RoundView(string Unit, NominationRound Round, int Submitted);

    public bool IsNew => Id is null;
    public bool CanManage { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Awards { get; private set; } = [];
    public IReadOnlyList<StepView> Steps { get; private set; } = [];
    public IReadOnlyDictionary<Guid, List<RoundView>> Rounds { get; private set; } = new Dictionary<Guid, List<RoundView>>();
    public IReadOnlyDictionary<Guid, PhaseCompilation> Compilations { get; private set; } = new Dictionary<Guid, PhaseCompilation>();

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        if (Id is { } id)
        {
            var m = await db.Movements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (m is null)
                return NotFound();
            Form = new MovementForm
            {
                Code = m.Code, Name = m.Name, PlanNumber = m.PlanNumber, PlanDate = m.PlanDate, PlanReference = m.PlanReference, OwnerOrgId = m.OwnerOrgId,
                AllowedAwardForms = m.AllowedAwardForms.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                Participants = await db.MovementParticipants.Where(p => p.MovementId == id).Select(p => p.OrgId).ToListAsync(),
                SemiAnnualReportDue = m.SemiAnnualReportDue, AnnualReportDue = m.AnnualReportDue, ReportReminderDays = m.ReportReminderDays,
                JobsEnabled = m.JobsEnabled, IsActive = m.IsActive,
                Phases = (await db.MovementPhases.AsNoTracking().Where(p => p.MovementId == id).OrderBy(p => p.StartYear).ToListAsync())
                    .Select(p => new PhaseForm
                    {
                        Id = p.Id, Name = p.Name, StartYear = p.StartYear, EndYear = p.EndYear, ReviewKind = p.ReviewKind, ReviewDate = p.ReviewDate,
                        OpenDaysBefore = p.OpenDaysBefore, DeadlineDaysBefore = p.DeadlineDaysBefore, ReminderDaysBeforeDeadline = p.ReminderDaysBeforeDeadline,
                    }).ToList(),
            };
        }
        else if (!MovementService.CanCreate(Me))
            return Forbid();
        else
            Form.OwnerOrgId = Me.Roles.FirstOrDefault()?.OrgId;
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAsync() => Guard(async () =>
    {
        var saved = await movements.SaveAsync(Me, Id, Form.Input, HttpContext.RequestAborted);
        TempData["Success"] = $"Đã lưu phong trào \"{saved.Name}\" và lập lại lịch tác vụ định kỳ.";
        return Redirect($"/phong-trao/{saved.Id}");
    }, async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnGetCompilationAsync(Guid phaseId) => Guard(async () =>
    {
        var owner = await db.MovementPhases.Where(p => p.Id == phaseId).Join(db.Movements, p => p.MovementId, m => m.Id, (p, m) => m.OwnerOrgId).FirstOrDefaultAsync();
        if (!MovementService.CanSeeCompilation(Me, owner))
            return NotFound();
        var c = await db.Compilations.AsNoTracking().FirstOrDefaultAsync(x => x.PhaseId == phaseId);
        return c is null ? NotFound() : File(c.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"danh-sach-trinh-hoi-dong-{c.CompiledAt.AddHours(7):yyyyMMdd}.xlsx");
    });

    private async Task LoadAsync()
    {
        var view = await tree.GetAsync();
        Organizations = view.All.OrderBy(o => o.SortOrder).Select(o => (o.Id, view.PathName(o.Id))).ToList();
        Awards = (await db.AwardForms.AsNoTracking().OrderBy(a => a.SortOrder).Select(a => new { a.Code, a.Name }).ToListAsync()).Select(a => (a.Code, a.Name)).ToList();
        Form.Phases.Add(new PhaseForm());
        if (Id is not { } id)
        {
            CanManage = MovementService.CanCreate(Me);
            return;
        }
        var movement = await db.Movements.AsNoTracking().FirstAsync(m => m.Id == id);
        CanManage = MovementService.CanManage(Me, movement.OwnerOrgId);
        var phases = await db.MovementPhases.AsNoTracking().Where(p => p.MovementId == id).ToListAsync();
        var plan = PeriodEndPlan.For(movement, phases, calendar);
        var keys = plan.Select(p => p.Key).ToList();
        var log = await db.ScheduledSteps.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key);
        Steps = plan.Select(s => new StepView(s, log.ContainsKey(s.Key), log.GetValueOrDefault(s.Key)?.Detail, s.DueAt < movement.ScheduleFrom)).ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.MovementId == id).ToListAsync();
        var submitted = await db.Dossiers.AsNoTracking().Where(d => d.MovementId == id && d.SubmittedAt != null)
            .GroupBy(d => d.UnitOrgId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Rounds = rounds.GroupBy(r => r.PhaseId).ToDictionary(g => g.Key,
            g => g.Select(r => new RoundView(view.Find(r.UnitOrgId)?.Name ?? "", r, submitted.GetValueOrDefault(r.UnitOrgId))).OrderBy(r => r.Unit).ToList());
        if (MovementService.CanSeeCompilation(Me, movement.OwnerOrgId))
            Compilations = await db.Compilations.AsNoTracking().Where(c => phases.Select(p => p.Id).Contains(c.PhaseId)).ToDictionaryAsync(c => c.PhaseId);
    }

    public bool IsPast(DateTime utc) => utc <= time.GetUtcNow().UtcDateTime;
}
