namespace ThiDua.Workflows.Calendar;

/// <summary>A date of the Vietnamese lunar calendar (âm lịch).</summary>
/// <param name="Year">The lunar year; month 11 and 12 of it fall in the next Gregorian year's winter.</param>
/// <param name="Month">1–12. A leap month carries the number of the month it follows.</param>
/// <param name="Day">1–30.</param>
/// <param name="IsLeapMonth">True for the intercalary month (tháng nhuận), which repeats <paramref name="Month"/>.</param>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    /// <summary>Written the way Vietnamese calendars print it, e.g. "1/2 nhuận/2023".</summary>
    public override string ToString() =>
        IsLeapMonth ? $"{Day}/{Month} nhuận/{Year}" : $"{Day}/{Month}/{Year}";
}
