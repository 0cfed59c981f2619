namespace ThiDua.Workflows.Calendar;

/// <summary>
/// Working days in Vietnam (Asia/Ho_Chi_Minh, UTC+7). Every due date and time limit of the
/// engine is counted with this, because legal time limits are stated in working days.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>True when <paramref name="date"/> (a local Vietnamese date) is a working day.</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// The instant that is <paramref name="workingDays"/> working days after <paramref name="fromUtc"/>:
    /// the end (17:00 local) of the N-th working day that follows the local date of <paramref name="fromUtc"/>.
    /// Zero means the end of the same day if it is a working day, else of the next working day.
    /// </summary>
    DateTime AddWorkingDays(DateTime fromUtc, int workingDays);

    /// <summary>Working days strictly after the local date of <paramref name="fromUtc"/> up to and including that of <paramref name="toUtc"/>.</summary>
    int WorkingDaysBetween(DateTime fromUtc, DateTime toUtc);
}
