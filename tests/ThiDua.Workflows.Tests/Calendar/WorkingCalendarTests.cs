using ThiDua.Workflows.Calendar;

namespace ThiDua.Workflows.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    // Overrides as an administrator would enter a swapped day: Friday 2/1/2026 off, made up on Saturday 10/1.
    private static readonly CalendarOverride[] SwappedNewYear =
    [
        new(new DateOnly(2026, 1, 2), false, "Nghỉ hoán đổi Tết Dương lịch"),
        new(new DateOnly(2026, 1, 10), true, "Làm bù cho ngày 02/01/2026"),
    ];

    [Theory]
    [InlineData("2026-02-13", true)] // Friday before Tết
    [InlineData("2026-02-14", false)] // Saturday
    [InlineData("2026-02-16", false)] // 29 tháng Chạp
    [InlineData("2026-02-20", false)] // mùng 4
    [InlineData("2026-02-23", true)]
    [InlineData("2026-04-27", false)] // nghỉ bù Giỗ Tổ
    [InlineData("2026-04-28", true)]
    [InlineData("2026-09-01", false)]
    [InlineData("2026-09-03", true)]
    public void Working_days_of_2026(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void One_working_day_after_the_Friday_before_Tet_is_the_Monday_after_it()
    {
        // 09:00 in Hà Nội on Friday 13/2/2026.
        var due = Calendar.AddWorkingDays(Utc(2026, 2, 13, 2), 1);

        Assert.Equal(Utc(2026, 2, 23, 10), due); // 17:00 local
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Fact]
    public void The_local_date_decides_the_starting_day()
    {
        // 00:30 on 13/2 in Vietnam is still the 12th in UTC.
        Assert.Equal(Utc(2026, 2, 23, 10), Calendar.AddWorkingDays(Utc(2026, 2, 12, 17, 30), 1));

        // 23:30 on 12/2 in Vietnam: the next working day is Friday 13/2.
        Assert.Equal(Utc(2026, 2, 13, 10), Calendar.AddWorkingDays(Utc(2026, 2, 12, 16, 30), 1));
    }

    [Fact]
    public void Unspecified_kind_is_read_as_UTC_and_Local_is_refused()
    {
        var unspecified = new DateTime(2026, 2, 12, 17, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal(Utc(2026, 2, 23, 10), Calendar.AddWorkingDays(unspecified, 1));
        Assert.Throws<ArgumentException>(() => Calendar.AddWorkingDays(new DateTime(2026, 2, 12, 17, 30, 0, DateTimeKind.Local), 1));
    }

    [Fact]
    public void Zero_working_days_means_the_end_of_today_or_of_the_next_working_day()
    {
        Assert.Equal(Utc(2026, 2, 11, 10), Calendar.AddWorkingDays(Utc(2026, 2, 11, 3), 0));
        Assert.Equal(Utc(2026, 2, 23, 10), Calendar.AddWorkingDays(Utc(2026, 2, 14, 3), 0));
    }

    [Fact]
    public void Counting_across_Gio_To_and_the_April_May_holidays_of_2026()
    {
        // Friday 24/4 + 2: 25–26 weekend, 27 nghỉ bù, then Tuesday 28 and Wednesday 29.
        Assert.Equal(Utc(2026, 4, 29, 10), Calendar.AddWorkingDays(Utc(2026, 4, 24, 1), 2));

        // Wednesday 29/4 + 1: 30/4, 1/5 and the weekend are off.
        Assert.Equal(Utc(2026, 5, 4, 10), Calendar.AddWorkingDays(Utc(2026, 4, 29, 1), 1));
    }

    [Fact]
    public void Negative_working_days_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Utc(2026, 1, 5, 1), -1));
    }

    [Fact]
    public void Overrides_win_over_weekends_and_holidays()
    {
        var calendar = new WorkingCalendar(SwappedNewYear);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));

        var tetWorking = new WorkingCalendar([new(new DateOnly(2026, 2, 20), true, "Trực Tết")]);
        Assert.True(tetWorking.IsWorkingDay(new DateOnly(2026, 2, 20)));
    }

    [Fact]
    public void A_make_up_Saturday_counts_as_a_working_day()
    {
        var calendar = new WorkingCalendar(SwappedNewYear);

        // Friday 9/1/2026 + 1 lands on the make-up Saturday instead of Monday 12/1.
        Assert.Equal(Utc(2026, 1, 10, 10), calendar.AddWorkingDays(Utc(2026, 1, 9, 2), 1));
        Assert.Equal(Utc(2026, 1, 12, 10), Calendar.AddWorkingDays(Utc(2026, 1, 9, 2), 1));

        // Wednesday 31/12/2025 + 1: 1/1 holiday, 2/1 swapped off, weekend, so Monday 5/1.
        Assert.Equal(Utc(2026, 1, 5, 10), calendar.AddWorkingDays(Utc(2025, 12, 31, 2), 1));
        Assert.Equal(Utc(2026, 1, 2, 10), Calendar.AddWorkingDays(Utc(2025, 12, 31, 2), 1));
    }

    [Fact]
    public void Working_days_between_two_instants()
    {
        Assert.Equal(1, Calendar.WorkingDaysBetween(Utc(2026, 2, 13, 2), Utc(2026, 2, 23, 2)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Utc(2026, 2, 13, 2), Utc(2026, 2, 22, 2)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Utc(2026, 2, 13, 2), Utc(2026, 2, 13, 9)));
        Assert.Equal(-1, Calendar.WorkingDaysBetween(Utc(2026, 2, 23, 2), Utc(2026, 2, 13, 2)));
    }

    [Fact]
    public void Working_days_in_whole_years()
    {
        // 2025: 261 weekdays less 10 holidays on weekdays (Tết's fifth day is Saturday 1/2).
        Assert.Equal(251, Calendar.WorkingDaysBetween(Utc(2024, 12, 31, 5), Utc(2025, 12, 31, 5)));

        // 2026: 261 weekdays less 11 (Giỗ Tổ is a Sunday, its nghỉ bù a Monday).
        Assert.Equal(250, Calendar.WorkingDaysBetween(Utc(2025, 12, 31, 5), Utc(2026, 12, 31, 5)));
        Assert.Equal(-250, Calendar.WorkingDaysBetween(Utc(2026, 12, 31, 5), Utc(2025, 12, 31, 5)));

        // A swapped day keeps the total: one weekday off, one Saturday worked.
        var swapped = new WorkingCalendar(SwappedNewYear);
        Assert.Equal(250, swapped.WorkingDaysBetween(Utc(2025, 12, 31, 5), Utc(2026, 12, 31, 5)));
        Assert.Equal(3, swapped.WorkingDaysBetween(Utc(2025, 12, 31, 5), Utc(2026, 1, 7, 5)));
        Assert.Equal(4, Calendar.WorkingDaysBetween(Utc(2025, 12, 31, 5), Utc(2026, 1, 7, 5)));
    }

    [Fact]
    public void Adding_and_counting_agree()
    {
        var calendar = new WorkingCalendar(SwappedNewYear);
        for (var start = Utc(2025, 12, 20, 3); start < Utc(2026, 10, 1, 3); start = start.AddHours(31))
        {
            for (int n = 1; n <= 25; n++)
            {
                var due = calendar.AddWorkingDays(start, n);

                Assert.True(calendar.IsWorkingDay(VietnamTime.ToLocalDate(due)));
                Assert.Equal(n, calendar.WorkingDaysBetween(start, due));
                Assert.Equal(n - 1, calendar.WorkingDaysBetween(start, due.AddDays(-1)));
            }
        }
    }

    [Fact]
    public void Days_off_of_2026_for_display()
    {
        var calendar = new WorkingCalendar(SwappedNewYear);

        DayOff[] expected =
        [
            new(new DateOnly(2026, 1, 1), "Tết Dương lịch"),
            new(new DateOnly(2026, 1, 2), "Nghỉ hoán đổi Tết Dương lịch"),
            new(new DateOnly(2026, 2, 16), "Tết Nguyên đán"),
            new(new DateOnly(2026, 2, 17), "Tết Nguyên đán"),
            new(new DateOnly(2026, 2, 18), "Tết Nguyên đán"),
            new(new DateOnly(2026, 2, 19), "Tết Nguyên đán"),
            new(new DateOnly(2026, 2, 20), "Tết Nguyên đán"),
            new(new DateOnly(2026, 4, 26), "Giỗ Tổ Hùng Vương"),
            new(new DateOnly(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
            new(new DateOnly(2026, 4, 30), "Ngày Chiến thắng"),
            new(new DateOnly(2026, 5, 1), "Ngày Quốc tế Lao động"),
            new(new DateOnly(2026, 9, 1), "Quốc khánh"),
            new(new DateOnly(2026, 9, 2), "Quốc khánh"),
        ];
        Assert.Equal(expected, calendar.DaysOff(2026));
        Assert.Equal([SwappedNewYear[1]], calendar.MakeUpWorkingDays(2026));

        // With weekends: 365 days less the 250 working days, and the make-up Saturday is not listed.
        var all = calendar.DaysOff(2026, includeWeekends: true);
        Assert.Equal(115, all.Count);
        Assert.DoesNotContain(all, d => d.Date == new DateOnly(2026, 1, 10));
        Assert.Contains(new DayOff(new DateOnly(2026, 1, 3), "Thứ Bảy"), all);
        Assert.Contains(new DayOff(new DateOnly(2026, 1, 4), "Chủ nhật"), all);
    }

    [Fact]
    public void Conflicting_or_unexplained_overrides_are_refused()
    {
        var date = new DateOnly(2026, 3, 7);

        Assert.Throws<ArgumentException>(() => new WorkingCalendar([new(date, true, "Làm bù"), new(date, false, "Nghỉ")]));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([new(date, true, " ")]));
    }

    [Fact]
    public void Concurrent_first_use_of_many_years_gives_the_same_answers()
    {
        var shared = new WorkingCalendar();
        var years = Enumerable.Range(2000, 100).ToArray();
        var concurrent = new IReadOnlyList<DayOff>[years.Length];

        Parallel.For(0, years.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int index = i % years.Length;
            concurrent[index] = shared.DaysOff(years[index]);
        });

        for (int i = 0; i < years.Length; i++)
        {
            Assert.Equal(new WorkingCalendar().DaysOff(years[i]), concurrent[i]);
        }
    }
}
