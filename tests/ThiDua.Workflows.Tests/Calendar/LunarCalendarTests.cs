using ThiDua.Workflows.Calendar;

namespace ThiDua.Workflows.Tests.Calendar;

public class LunarCalendarTests
{
    [Theory]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    // The new moon is at 16:07 UTC on 2 February 2030: 23:07 in Vietnam, 00:07 on the 3rd in China.
    // So Vietnam's Tết is a day earlier than the Chinese New Year (3/2) that calendars often quote.
    [InlineData(2030, "2030-02-02")]
    // Years where UTC+7 instead of the Chinese UTC+8 moves Tết (China: 1985-02-20, 2007-02-18).
    [InlineData(1985, "1985-01-21")]
    [InlineData(2007, "2007-02-17")]
    public void Tet_is_the_first_day_of_the_first_lunar_month(int lunarYear, string expected)
    {
        var tet = DateOnly.Parse(expected);

        Assert.Equal(tet, LunarCalendar.ToGregorian(lunarYear, 1, 1));
        Assert.Equal(new LunarDate(lunarYear, 1, 1, false), LunarCalendar.FromGregorian(tet));
        Assert.Equal(new LunarDate(lunarYear - 1, 12, LunarCalendar.DaysInMonth(lunarYear - 1, 12), false),
            LunarCalendar.FromGregorian(tet.AddDays(-1)));
    }

    [Theory]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Gio_To_Hung_Vuong_is_the_tenth_of_the_third_month(int lunarYear, string expected)
    {
        var date = DateOnly.Parse(expected);

        Assert.Equal(date, LunarCalendar.ToGregorian(lunarYear, 3, 10));
        Assert.Equal(new LunarDate(lunarYear, 3, 10, false), LunarCalendar.FromGregorian(date));
    }

    [Fact]
    public void Year_2023_repeats_the_second_month()
    {
        Assert.Equal(2, LunarCalendar.LeapMonth(2023));
        Assert.Equal(new DateOnly(2023, 2, 20), LunarCalendar.ToGregorian(2023, 2, 1));
        Assert.Equal(new DateOnly(2023, 3, 22), LunarCalendar.ToGregorian(2023, 2, 1, leapMonth: true));
        Assert.Equal(new DateOnly(2023, 4, 20), LunarCalendar.ToGregorian(2023, 3, 1));

        var leapStart = LunarCalendar.FromGregorian(new DateOnly(2023, 3, 22));
        Assert.Equal(new LunarDate(2023, 2, 1, true), leapStart);
        Assert.Equal("1/2 nhuận/2023", leapStart.ToString());
        Assert.Equal(new LunarDate(2023, 2, 30, false), LunarCalendar.FromGregorian(new DateOnly(2023, 3, 21)));
    }

    [Theory]
    [InlineData(2017, 6)]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    [InlineData(2033, 11)]
    public void Leap_months_of_known_years(int lunarYear, int leapMonth)
    {
        Assert.Equal(leapMonth, LunarCalendar.LeapMonth(lunarYear));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Common_years_have_no_leap_month(int lunarYear)
    {
        Assert.Null(LunarCalendar.LeapMonth(lunarYear));
        Assert.Throws<ArgumentException>(() => LunarCalendar.ToGregorian(lunarYear, 2, 1, leapMonth: true));
    }

    [Fact]
    public void A_leap_flag_on_a_month_that_is_not_repeated_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LunarCalendar.ToGregorian(2023, 3, 1, leapMonth: true));
    }

    [Fact]
    public void The_last_month_of_Giap_Thin_has_no_thirtieth_day()
    {
        // Tết Ất Tỵ 2025 famously had no "ngày 30 Tết": 28/1/2025 was 29 tháng Chạp.
        Assert.Equal(29, LunarCalendar.DaysInMonth(2024, 12));
        Assert.Equal(new LunarDate(2024, 12, 29, false), LunarCalendar.FromGregorian(new DateOnly(2025, 1, 28)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(2024, 12, 30));
    }

    [Fact]
    public void Every_day_of_the_supported_range_converts_back_and_forth()
    {
        var previous = LunarCalendar.FromGregorian(new DateOnly(LunarCalendar.MinYear, 1, 1));
        for (var date = new DateOnly(LunarCalendar.MinYear, 1, 2); date.Year <= LunarCalendar.MaxYear; date = date.AddDays(1))
        {
            var lunar = LunarCalendar.FromGregorian(date);

            // Each day either follows the previous one in the same month or opens a month after a 29/30-day one.
            if (lunar.Day == 1)
            {
                Assert.True(previous.Day is 29 or 30, $"{date}: month before {lunar} ended on day {previous.Day}");
            }
            else
            {
                Assert.Equal(previous with { Day = previous.Day + 1 }, lunar);
            }

            if (lunar.Year >= LunarCalendar.MinYear)
            {
                Assert.Equal(date, LunarCalendar.ToGregorian(lunar));
            }

            previous = lunar;
        }
    }

    [Fact]
    public void Years_outside_the_range_of_the_astronomical_series_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.FromGregorian(new DateOnly(LunarCalendar.MinYear - 1, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(LunarCalendar.MaxYear + 1, 1, 1));
    }
}
