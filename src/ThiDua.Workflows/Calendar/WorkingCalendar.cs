using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ThiDua.Workflows.Calendar;

/// <summary>
/// The Vietnamese civil-service week: Saturday and Sunday off, the public holidays of
/// <see cref="VietnamPublicHolidays"/> off, and administrators' <see cref="CalendarOverride"/>s above both.
/// Safe to share as a singleton.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    /// <summary>Local time at which a working day ends, and so when a due date falls.</summary>
    public static TimeOnly EndOfWorkingDay { get; } = new(17, 0);

    private readonly FrozenDictionary<DateOnly, CalendarOverride> _overrides;

    // The holiday rules run lunar astronomy, so each year is computed once. A race may compute a year
    // twice; the result is the same, so GetOrAdd's lack of exclusivity is harmless.
    private readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, PublicHoliday>> _holidaysByYear = new();

    /// <param name="overrides">Administrator-entered corrections; at most one per date.</param>
    /// <exception cref="ArgumentException">Two overrides share a date, or one has no reason.</exception>
    public WorkingCalendar(IEnumerable<CalendarOverride>? overrides = null)
    {
        var byDate = new Dictionary<DateOnly, CalendarOverride>();
        foreach (var calendarOverride in overrides ?? [])
        {
            ArgumentNullException.ThrowIfNull(calendarOverride, nameof(overrides));
            if (string.IsNullOrWhiteSpace(calendarOverride.Reason))
            {
                throw new ArgumentException($"The override of {calendarOverride.Date:yyyy-MM-dd} has no reason.", nameof(overrides));
            }

            // Two entries for one date would make the outcome depend on list order; refuse rather than guess.
            if (!byDate.TryAdd(calendarOverride.Date, calendarOverride))
            {
                throw new ArgumentException($"More than one override for {calendarOverride.Date:yyyy-MM-dd}.", nameof(overrides));
            }
        }

        _overrides = byDate.ToFrozenDictionary();
    }

    /// <inheritdoc/>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var calendarOverride))
        {
            return calendarOverride.IsWorkingDay;
        }

        return !VietnamPublicHolidays.IsWeekend(date) && !HolidaysOf(date.Year).ContainsKey(date);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateTime AddWorkingDays(DateTime fromUtc, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var date = VietnamTime.ToLocalDate(fromUtc);
        if (workingDays == 0)
        {
            while (!IsWorkingDay(date))
            {
                date = date.AddDays(1);
            }
        }
        else
        {
            for (int remaining = workingDays; remaining > 0;)
            {
                date = date.AddDays(1);
                if (IsWorkingDay(date))
                {
                    remaining--;
                }
            }
        }

        return VietnamTime.ToUtc(date, EndOfWorkingDay);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// When <paramref name="toUtc"/> is earlier than <paramref name="fromUtc"/> the count is negative
    /// (the working days in the reversed span), so "days remaining until a due date" turns into
    /// "days overdue" without a special case.
    /// </remarks>
    public int WorkingDaysBetween(DateTime fromUtc, DateTime toUtc)
    {
        var from = VietnamTime.ToLocalDate(fromUtc);
        var to = VietnamTime.ToLocalDate(toUtc);
        if (to < from)
        {
            return -CountWorkingDays(to, from);
        }

        return CountWorkingDays(from, to);
    }

    /// <summary>
    /// The days of <paramref name="year"/> that are not working days, with their reasons, for display.
    /// Ordinary weekends are left out unless <paramref name="includeWeekends"/>; a holiday or an override
    /// on a weekend is always listed.
    /// </summary>
    public IReadOnlyList<DayOff> DaysOff(int year, bool includeWeekends = false)
    {
        var holidays = HolidaysOf(year);
        var result = new List<DayOff>();
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            if (_overrides.TryGetValue(date, out var calendarOverride))
            {
                if (!calendarOverride.IsWorkingDay)
                {
                    result.Add(new DayOff(date, calendarOverride.Reason));
                }
            }
            else if (holidays.TryGetValue(date, out var holiday))
            {
                result.Add(new DayOff(date, holiday.Name));
            }
            else if (includeWeekends && VietnamPublicHolidays.IsWeekend(date))
            {
                result.Add(new DayOff(date, date.DayOfWeek == DayOfWeek.Saturday ? "Thứ Bảy" : "Chủ nhật"));
            }
        }

        return result;
    }

    /// <summary>The make-up working days (overrides turning a day off into a working day) of <paramref name="year"/>.</summary>
    public IReadOnlyList<CalendarOverride> MakeUpWorkingDays(int year) =>
        [.. _overrides.Values.Where(o => o.IsWorkingDay && o.Date.Year == year).OrderBy(o => o.Date)];

    private int CountWorkingDays(DateOnly exclusiveStart, DateOnly inclusiveEnd)
    {
        int count = 0;
        for (var date = exclusiveStart.AddDays(1); date <= inclusiveEnd; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private FrozenDictionary<DateOnly, PublicHoliday> HolidaysOf(int year) =>
        _holidaysByYear.GetOrAdd(year, static y => VietnamPublicHolidays.ForYear(y).ToFrozenDictionary(h => h.Date));
}
