namespace ThiDua.Workflows.Calendar;

/// <summary>
/// Conversion between Gregorian dates and the Vietnamese lunar calendar, after Hồ Ngọc Đức's
/// algorithm (new moons from Jean Meeus' series, the Sun's longitude for the major solar terms,
/// the rule that the first month without a major term after the winter solstice is the leap month).
/// </summary>
/// <remarks>
/// Computed for the UTC+7 meridian, which Vietnam has used for its calendar since 1968; that is why
/// Tết sometimes differs by a day or a month from the Chinese calendar (UTC+8), e.g. 1985 and 2007.
/// Lunar dates before 1968 computed here may differ from the almanacs printed at the time.
/// Meeus' truncated series is accurate enough only for a few centuries around 2000, hence the range.
/// </remarks>
public static class LunarCalendar
{
    /// <summary>First year (Gregorian for <see cref="FromGregorian"/>, lunar for <see cref="ToGregorian"/>) accepted.</summary>
    public const int MinYear = 1800;

    /// <summary>Last year accepted; see <see cref="MinYear"/>.</summary>
    public const int MaxYear = 2199;

    private const double TimeZoneHours = 7.0;
    private const double SynodicMonth = 29.530588853;

    // Julian day of the new moon of January 1900, from which the new moons are numbered (k = 0).
    private const double NewMoonEpoch = 2415021.076998695;

    // DateOnly.DayNumber counts from 0001-01-01 (proleptic Gregorian), Julian day numbers from 4713 BC.
    private const int JulianDayOfDayNumberZero = 1721426;

    /// <summary>The lunar date of a Gregorian date.</summary>
    public static LunarDate FromGregorian(DateOnly date)
    {
        CheckYear(date.Year, nameof(date));

        int dayNumber = ToJulianDay(date);
        // The index comes from the mean lunation; the true new moon can fall many hours after it, so the
        // estimate may be one too high for the last day of a month (Hồ Ngọc Đức's code then yields day 0).
        int k = (int)Math.Floor((dayNumber - NewMoonEpoch) / SynodicMonth) + 1;
        int monthStart = NewMoonDay(k);
        while (monthStart > dayNumber)
        {
            monthStart = NewMoonDay(--k);
        }

        // A lunar year is located by the two months 11 (those containing the winter solstice) around it.
        int a11 = Month11Start(date.Year);
        int b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = Month11Start(date.Year - 1);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = Month11Start(date.Year + 1);
        }

        int day = dayNumber - monthStart + 1;
        int monthsAfter11 = (monthStart - a11) / 29;
        int month = monthsAfter11 + 11;
        bool isLeap = false;
        if (b11 - a11 > 365)
        {
            int leapOffset = LeapMonthOffset(a11);
            if (monthsAfter11 >= leapOffset)
            {
                month = monthsAfter11 + 10;
                isLeap = monthsAfter11 == leapOffset;
            }
        }

        if (month > 12)
        {
            month -= 12;
        }

        // Months 11 and 12 at the start of the solstice-to-solstice span still belong to the previous lunar year.
        if (month >= 11 && monthsAfter11 < 4)
        {
            lunarYear--;
        }

        return new LunarDate(lunarYear, month, day, isLeap);
    }

    /// <summary>The Gregorian date of a lunar date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year, month or day is out of range (e.g. day 30 of a 29-day month).</exception>
    /// <exception cref="ArgumentException"><paramref name="leapMonth"/> is set but that month is not the leap month of the year.</exception>
    public static DateOnly ToGregorian(int lunarYear, int lunarMonth, int lunarDay, bool leapMonth = false)
    {
        CheckYear(lunarYear, nameof(lunarYear));
        ArgumentOutOfRangeException.ThrowIfLessThan(lunarMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lunarMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(lunarDay, 1);

        int k = NewMoonIndex(lunarYear, lunarMonth, leapMonth);
        int monthStart = NewMoonDay(k);
        int daysInMonth = NewMoonDay(k + 1) - monthStart;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lunarDay, daysInMonth);

        return FromJulianDay(monthStart + lunarDay - 1);
    }

    /// <inheritdoc cref="ToGregorian(int, int, int, bool)"/>
    public static DateOnly ToGregorian(LunarDate date) =>
        ToGregorian(date.Year, date.Month, date.Day, date.IsLeapMonth);

    /// <summary>29 or 30: the length of a lunar month.</summary>
    public static int DaysInMonth(int lunarYear, int lunarMonth, bool leapMonth = false)
    {
        CheckYear(lunarYear, nameof(lunarYear));
        ArgumentOutOfRangeException.ThrowIfLessThan(lunarMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lunarMonth, 12);

        int k = NewMoonIndex(lunarYear, lunarMonth, leapMonth);
        return NewMoonDay(k + 1) - NewMoonDay(k);
    }

    /// <summary>The month that is doubled in <paramref name="lunarYear"/>, or null in a common year.</summary>
    public static int? LeapMonth(int lunarYear)
    {
        CheckYear(lunarYear, nameof(lunarYear));

        // Months 1–10 lie in the solstice span that ends in this Gregorian year, months 11–12 in the next one;
        // a leap month 11 or 12 found in the earlier span belongs to the previous lunar year.
        int? early = LeapMonthOfSpan(lunarYear - 1);
        if (early is >= 1 and <= 10)
        {
            return early;
        }

        int? late = LeapMonthOfSpan(lunarYear);
        return late is 11 or 12 ? late : null;
    }

    private static int? LeapMonthOfSpan(int gregorianYearOfFirstMonth11)
    {
        int a11 = Month11Start(gregorianYearOfFirstMonth11);
        int b11 = Month11Start(gregorianYearOfFirstMonth11 + 1);
        return b11 - a11 > 365 ? LeapOffsetToMonth(LeapMonthOffset(a11)) : null;
    }

    private static int NewMoonIndex(int lunarYear, int lunarMonth, bool leapMonth)
    {
        int gregorianYearOfMonth11 = lunarMonth >= 11 ? lunarYear : lunarYear - 1;
        int a11 = Month11Start(gregorianYearOfMonth11);
        int b11 = Month11Start(gregorianYearOfMonth11 + 1);
        int k = (int)Math.Floor(0.5 + (a11 - NewMoonEpoch) / SynodicMonth);
        int offset = (lunarMonth - 11 + 12) % 12;

        if (b11 - a11 > 365)
        {
            int leapOffset = LeapMonthOffset(a11);
            if (leapMonth && lunarMonth != LeapOffsetToMonth(leapOffset))
            {
                throw new ArgumentException($"Lunar year {lunarYear} has no leap month {lunarMonth}.", nameof(leapMonth));
            }

            if (leapMonth || offset >= leapOffset)
            {
                offset++;
            }
        }
        else if (leapMonth)
        {
            throw new ArgumentException($"Lunar year {lunarYear} has no leap month.", nameof(leapMonth));
        }

        return k + offset;
    }

    // The offset counts months after month 11 (1 = the month right after it), and the leap month
    // takes the number of the month before it. Hồ Ngọc Đức's published code maps offset 2 to month 0;
    // this mapping gives 12, as it should.
    private static int LeapOffsetToMonth(int leapOffset) => (leapOffset + 9) % 12 + 1;

    /// <summary>Julian day of the first day of lunar month 11 of the lunar year ending in <paramref name="year"/>.</summary>
    private static int Month11Start(int year)
    {
        int offset = ToJulianDay(new DateOnly(year, 12, 31)) - 2415021;
        int k = (int)Math.Floor(offset / SynodicMonth);
        int newMoon = NewMoonDay(k);

        // Month 11 is the one holding the winter solstice (Sun at 270°); if the last new moon of the year
        // already lies past it, month 11 began one new moon earlier.
        return SunLongitudeSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>Months after month 11 (at <paramref name="a11"/>) until the first month without a major solar term.</summary>
    private static int LeapMonthOffset(int a11)
    {
        int k = (int)Math.Floor((a11 - NewMoonEpoch) / SynodicMonth + 0.5);
        int i = 1;
        int arc = SunLongitudeSector(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i));
        }
        while (arc != last && i < 14);

        return i - 1;
    }

    /// <summary>Local (UTC+7) Julian day number of the day of the k-th new moon after January 1900.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZoneHours / 24);

    /// <summary>Which 30° sector (0–11) the Sun is in at local midnight starting <paramref name="julianDay"/>.</summary>
    private static int SunLongitudeSector(int julianDay) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - TimeZoneHours / 24) / Math.PI * 6);

    /// <summary>Julian date (UTC) of the k-th new moon, Meeus' "Astronomical Algorithms" ch. 49 truncated.</summary>
    private static double NewMoon(int k)
    {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        const double dr = Math.PI / 180;

        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;

        double c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));

        // ΔT (TT − UT) in days, Meeus' polynomial fits for before and after 1750.
        double deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;

        return jd1 + c1 - deltaT;
    }

    /// <summary>The Sun's apparent longitude in radians, [0, 2π), at the Julian date <paramref name="julianDate"/>.</summary>
    private static double SunLongitude(double julianDate)
    {
        double t = (julianDate - 2451545.0) / 36525;
        double t2 = t * t;
        const double dr = Math.PI / 180;

        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);

        double l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }

    private static int ToJulianDay(DateOnly date) => date.DayNumber + JulianDayOfDayNumberZero;

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero);

    private static void CheckYear(int year, string paramName)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(paramName, year, $"Only years {MinYear}–{MaxYear} are supported.");
        }
    }
}
