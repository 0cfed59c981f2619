using ThiDua.Workflows.Calendar;

namespace ThiDua.Workflows.Tests.Calendar;

public class VietnamPublicHolidaysTests
{
    private static PublicHoliday Day(int year, int month, int day, string name, bool compensatory = false) =>
        new(new DateOnly(year, month, day), name, compensatory);

    [Fact]
    public void Holidays_of_2025()
    {
        PublicHoliday[] expected =
        [
            Day(2025, 1, 1, "Tết Dương lịch"),
            Day(2025, 1, 28, "Tết Nguyên đán"), // 29 tháng Chạp, the last day of Giáp Thìn
            Day(2025, 1, 29, "Tết Nguyên đán"),
            Day(2025, 1, 30, "Tết Nguyên đán"),
            Day(2025, 1, 31, "Tết Nguyên đán"),
            Day(2025, 2, 1, "Tết Nguyên đán"),
            Day(2025, 4, 7, "Giỗ Tổ Hùng Vương"),
            Day(2025, 4, 30, "Ngày Chiến thắng"),
            Day(2025, 5, 1, "Ngày Quốc tế Lao động"),
            Day(2025, 9, 1, "Quốc khánh"),
            Day(2025, 9, 2, "Quốc khánh"),
        ];

        Assert.Equal(expected, VietnamPublicHolidays.ForYear(2025));
    }

    [Fact]
    public void Holidays_of_2026_with_nghi_bu_for_Gio_To_on_a_Sunday()
    {
        PublicHoliday[] expected =
        [
            Day(2026, 1, 1, "Tết Dương lịch"),
            Day(2026, 2, 16, "Tết Nguyên đán"),
            Day(2026, 2, 17, "Tết Nguyên đán"),
            Day(2026, 2, 18, "Tết Nguyên đán"),
            Day(2026, 2, 19, "Tết Nguyên đán"),
            Day(2026, 2, 20, "Tết Nguyên đán"),
            Day(2026, 4, 26, "Giỗ Tổ Hùng Vương"),
            Day(2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương", compensatory: true),
            Day(2026, 4, 30, "Ngày Chiến thắng"),
            Day(2026, 5, 1, "Ngày Quốc tế Lao động"),
            Day(2026, 9, 1, "Quốc khánh"),
            Day(2026, 9, 2, "Quốc khánh"),
        ];

        Assert.Equal(expected, VietnamPublicHolidays.ForYear(2026));
    }

    [Fact]
    public void Weekend_holidays_of_2022_push_their_compensatory_days_past_each_other()
    {
        var compensatory = VietnamPublicHolidays.ForYear(2022).Where(h => h.IsCompensatory).ToArray();

        PublicHoliday[] expected =
        [
            Day(2022, 1, 3, "Nghỉ bù Tết Dương lịch", compensatory: true), // 1/1 was a Saturday
            Day(2022, 4, 11, "Nghỉ bù Giỗ Tổ Hùng Vương", compensatory: true), // 10/4 was a Sunday
            Day(2022, 5, 2, "Nghỉ bù Ngày Chiến thắng", compensatory: true), // 30/4 Saturday
            Day(2022, 5, 3, "Nghỉ bù Ngày Quốc tế Lao động", compensatory: true), // 1/5 Sunday
        ];
        Assert.Equal(expected, compensatory);
    }

    [Fact]
    public void Compensatory_days_of_2023_skip_the_Monday_that_is_itself_a_holiday()
    {
        var holidays = VietnamPublicHolidays.ForYear(2023);

        // Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday, but Monday 1/5 is already Labour Day:
        // the days off ran 29/4–3/5, as the Government announced that year.
        Assert.Contains(Day(2023, 5, 2, "Nghỉ bù Giỗ Tổ Hùng Vương", compensatory: true), holidays);
        Assert.Contains(Day(2023, 5, 3, "Nghỉ bù Ngày Chiến thắng", compensatory: true), holidays);
        Assert.Contains(Day(2023, 1, 2, "Nghỉ bù Tết Dương lịch", compensatory: true), holidays);
        Assert.Contains(Day(2023, 9, 4, "Nghỉ bù Quốc khánh", compensatory: true), holidays);
        Assert.Equal(4, holidays.Count(h => h.IsCompensatory));
    }

    [Fact]
    public void Sunday_1_September_2024_is_made_up_on_Tuesday_3_September()
    {
        var september = VietnamPublicHolidays.ForYear(2024).Where(h => h.Date.Month == 9).ToArray();

        PublicHoliday[] expected =
        [
            Day(2024, 9, 1, "Quốc khánh"),
            Day(2024, 9, 2, "Quốc khánh"),
            Day(2024, 9, 3, "Nghỉ bù Quốc khánh", compensatory: true),
        ];
        Assert.Equal(expected, september);
    }

    [Fact]
    public void Tet_days_on_a_weekend_get_no_automatic_nghi_bu()
    {
        var holidays = VietnamPublicHolidays.ForYear(2025);

        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2025, 2, 1).DayOfWeek);
        Assert.DoesNotContain(holidays, h => h.IsCompensatory);
    }

    [Fact]
    public void Gio_To_on_30_April_shares_one_entry()
    {
        var april30 = VietnamPublicHolidays.ForYear(1947).Where(h => h.Date == new DateOnly(1947, 4, 30)).ToArray();

        Assert.Equal([Day(1947, 4, 30, "Giỗ Tổ Hùng Vương và Ngày Chiến thắng")], april30);
    }

    [Fact]
    public void Every_supported_year_has_eleven_holidays_and_weekday_compensations()
    {
        for (int year = LunarCalendar.MinYear; year <= LunarCalendar.MaxYear; year++)
        {
            var holidays = VietnamPublicHolidays.ForYear(year);
            var ordinary = holidays.Where(h => !h.IsCompensatory).ToArray();
            var compensatory = holidays.Where(h => h.IsCompensatory).ToArray();

            // 11 days by law, fewer entries only when Giỗ Tổ coincides with 30/4.
            int coinciding = ordinary.Count(h => h.Name.Contains(" và ", StringComparison.Ordinal));
            Assert.Equal(11 - coinciding, ordinary.Length);
            Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            Assert.All(compensatory, h => Assert.False(h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.Equal(
                ordinary.Count(h => h.Name != VietnamPublicHolidays.TetNguyenDan && h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday),
                compensatory.Length);
            Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        }
    }
}
