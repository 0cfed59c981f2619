namespace ThiDua.Workflows.Calendar;

/// <summary>
/// The public holidays of Article 112 of the Labour Code 2019 (Bộ luật Lao động 2019), as the rules
/// can fix them in advance. Where the Government decides the exact days each year (Tết, the day next
/// to Quốc khánh, swapped days), the usual choice is taken here and administrators correct the rest
/// with <see cref="CalendarOverride"/>.
/// </summary>
public static class VietnamPublicHolidays
{
    public const string TetDuongLich = "Tết Dương lịch";
    public const string TetNguyenDan = "Tết Nguyên đán";
    public const string GioToHungVuong = "Giỗ Tổ Hùng Vương";
    public const string NgayChienThang = "Ngày Chiến thắng";
    public const string NgayQuocTeLaoDong = "Ngày Quốc tế Lao động";
    public const string QuocKhanh = "Quốc khánh";

    /// <summary>Prefixed to the holiday's name for its compensatory day, e.g. "Nghỉ bù Giỗ Tổ Hùng Vương".</summary>
    public const string CompensatoryPrefix = "Nghỉ bù ";

    /// <summary>The holidays and compensatory days of Gregorian <paramref name="year"/>, ordered by date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="LunarCalendar.MinYear"/>–<see cref="LunarCalendar.MaxYear"/>.</exception>
    public static IReadOnlyList<PublicHoliday> ForYear(int year)
    {
        var holidays = new List<(DateOnly Date, string Name, bool Compensable)>
        {
            (new DateOnly(year, 1, 1), TetDuongLich, true),
        };

        // Tết is decided yearly by the Government, which arranges the five days around the weekends
        // itself; so they get no automatic nghỉ bù. The usual pattern is the last day of the old
        // lunar year (29 or 30 tháng Chạp) and mùng 1 to mùng 4.
        var tet = LunarCalendar.ToGregorian(year, 1, 1);
        for (int day = -1; day <= 3; day++)
        {
            holidays.Add((tet.AddDays(day), TetNguyenDan, false));
        }

        // Giỗ Tổ is kept on the ordinary third month even in a year with a leap third month.
        holidays.Add((LunarCalendar.ToGregorian(year, 3, 10), GioToHungVuong, true));
        holidays.Add((new DateOnly(year, 4, 30), NgayChienThang, true));
        holidays.Add((new DateOnly(year, 5, 1), NgayQuocTeLaoDong, true));

        // The law gives 2/9 plus one adjacent day (1/9 or 3/9) chosen yearly; 1/9 is what was decided
        // for 2025 and 2026. Both days are holidays, so both earn nghỉ bù: with 2/9 on a Monday
        // (as in 2024) the Sunday 1/9 moves to Tuesday 3/9, matching the days actually given.
        holidays.Add((new DateOnly(year, 9, 1), QuocKhanh, true));
        holidays.Add((new DateOnly(year, 9, 2), QuocKhanh, true));

        // Giỗ Tổ can land on 30/4 (1803, 1947). The law grants no extra day for that, so the two share one
        // entry rather than producing two holidays on one date.
        var days = holidays
            .GroupBy(h => h.Date)
            .Select(g => (Date: g.Key, Name: string.Join(" và ", g.Select(h => h.Name)), Compensable: g.Any(h => h.Compensable)))
            .OrderBy(h => h.Date)
            .ToList();

        var result = days.Select(h => new PublicHoliday(h.Date, h.Name)).ToList();
        var taken = days.Select(h => h.Date).ToHashSet();

        // Art. 112(3): a holiday on the weekly rest day is made up on the next working day. Walking in date
        // order and skipping days already taken lets back-to-back weekend holidays (30/4 Sat + 1/5 Sun)
        // push each other to Monday and Tuesday. None of the holidays is late enough in December for a
        // compensatory day to spill into the next year.
        foreach (var holiday in days.Where(h => h.Compensable && IsWeekend(h.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            result.Add(new PublicHoliday(day, CompensatoryPrefix + holiday.Name, IsCompensatory: true));
        }

        result.Sort((a, b) => a.Date.CompareTo(b.Date));
        return result;
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
