namespace ThiDua.Workflows.Calendar;

/// <summary>
/// An administrator's correction of the calendar for one date, winning over weekends and holidays:
/// an extra day off (e.g. a day swapped to lengthen Tết) or a make-up working Saturday (làm bù).
/// </summary>
/// <param name="Date">The local Vietnamese date.</param>
/// <param name="IsWorkingDay">True for a make-up working day, false for an extra day off.</param>
/// <param name="Reason">Shown to users next to the date, e.g. "Nghỉ hoán đổi Tết" or "Làm bù cho ngày 02/01".</param>
public sealed record CalendarOverride(DateOnly Date, bool IsWorkingDay, string Reason);
