using ThiDua.Infrastructure.Movements;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Infrastructure.Scheduling;

public enum StepKind { OpenRound, Remind, CloseRound, Compile, ReportReminder }

/// <summary>A period-end step of a movement, due at an instant; its key makes it run once.</summary>
public sealed record PlannedStep(string Key, StepKind Kind, Guid? PhaseId, DateTime DueAt, string Description);

/// <summary>
/// When each period-end step of a movement falls, computed from its phases and report schedule, in
/// Vietnamese local time and on working days (a step due on a Sunday or holiday moves to the next working day).
/// </summary>
public static class PeriodEndPlan
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static IReadOnlyList<PlannedStep> For(Movement movement, IReadOnlyList<MovementPhase> phases, IWorkingCalendar calendar)
    {
        var steps = new List<PlannedStep>();
        foreach (var phase in phases)
        {
            var deadline = DeadlineOf(phase);
            var open = At(WorkingDayOnOrAfter(phase.ReviewDate.AddDays(-phase.OpenDaysBefore), calendar), 8);
            var remind = At(WorkingDayOnOrAfter(phase.ReviewDate.AddDays(-phase.DeadlineDaysBefore - phase.ReminderDaysBeforeDeadline), calendar), 8);
            var compile = At(WorkingDayOnOrAfter(DateOnly.FromDateTime(deadline + Vietnam).AddDays(1), calendar), 8);
            var review = $"{ReviewKinds.VietnameseName(phase.ReviewKind)} {phase.Name}";
            steps.Add(new PlannedStep($"open:{phase.Id}", StepKind.OpenRound, phase.Id, open, $"Mở đợt nhận hồ sơ đề nghị khen thưởng – {review}"));
            steps.Add(new PlannedStep($"remind:{phase.Id}", StepKind.Remind, phase.Id, remind, $"Nhắc đơn vị chưa gửi hồ sơ – {review}"));
            steps.Add(new PlannedStep($"close:{phase.Id}", StepKind.CloseRound, phase.Id, deadline, $"Đóng đợt nhận hồ sơ – {review}"));
            steps.Add(new PlannedStep($"compile:{phase.Id}", StepKind.Compile, phase.Id, compile, $"Tổng hợp danh sách trình Hội đồng – {review}"));
        }

        if (phases.Count > 0)
        {
            var first = phases.Min(p => p.StartYear);
            var last = phases.Max(p => p.EndYear);
            for (var year = first; year <= last; year++)
            {
                foreach (var (due, label) in new[] { (movement.SemiAnnualReportDue, "6 tháng"), (movement.AnnualReportDue, "năm") })
                {
                    if (ParseMonthDay(due, year) is not { } dueDate)
                        continue;
                    var remindOn = WorkingDayOnOrAfter(dueDate.AddDays(-movement.ReportReminderDays), calendar);
                    steps.Add(new PlannedStep($"report:{movement.Id}:{dueDate:yyyy-MM-dd}", StepKind.ReportReminder, null, At(remindOn, 8),
                        $"Nhắc báo cáo {label} {year} (hạn {dueDate:dd/MM/yyyy})"));
                }
            }
        }
        return steps.OrderBy(s => s.DueAt).ToList();
    }

    /// <summary>The end (17:00 local) of the last day nominations are accepted.</summary>
    public static DateTime DeadlineOf(MovementPhase phase) => At(phase.ReviewDate.AddDays(-phase.DeadlineDaysBefore), 17);

    public static DateOnly? ParseMonthDay(string? monthDay, int year)
    {
        if (string.IsNullOrWhiteSpace(monthDay) || monthDay.Length != 5 || monthDay[2] != '-'
            || !int.TryParse(monthDay[..2], out var m) || !int.TryParse(monthDay[3..], out var d) || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(year, m))
            return null;
        return new DateOnly(year, m, d);
    }

    private static DateOnly WorkingDayOnOrAfter(DateOnly date, IWorkingCalendar calendar)
    {
        for (var i = 0; i < 30 && !calendar.IsWorkingDay(date); i++)
            date = date.AddDays(1);
        return date;
    }

    private static DateTime At(DateOnly localDate, int localHour) =>
        DateTime.SpecifyKind(localDate.ToDateTime(new TimeOnly(localHour, 0)) - Vietnam, DateTimeKind.Utc);
}
