namespace ThiDua.Workflows.Calendar;

/// <summary>
/// Vietnam's civil time, UTC+7. Vietnam has no daylight saving time, so a fixed offset is exact
/// (since 1975) and the engine does not depend on the host's time-zone database.
/// </summary>
public static class VietnamTime
{
    public static TimeSpan UtcOffset { get; } = TimeSpan.FromHours(7);

    /// <summary>The Vietnamese calendar date at the instant <paramref name="utc"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="utc"/> has <see cref="DateTimeKind.Local"/>.</exception>
    public static DateOnly ToLocalDate(DateTime utc) => DateOnly.FromDateTime(RequireUtc(utc, nameof(utc)) + UtcOffset);

    /// <summary>The UTC instant (Kind=Utc) of a Vietnamese local date and time.</summary>
    public static DateTime ToUtc(DateOnly localDate, TimeOnly localTime) =>
        DateTime.SpecifyKind(localDate.ToDateTime(localTime) - UtcOffset, DateTimeKind.Utc);

    // Unspecified is accepted as UTC because that is how databases hand timestamps back; Local would mean
    // the host's zone, which is exactly the dependency this type avoids, so it is treated as a bug.
    private static DateTime RequireUtc(DateTime value, string paramName) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException("Expected a UTC DateTime, got DateTimeKind.Local.", paramName)
        : value;
}
