namespace ThiDua.Workflows.Calendar;

/// <summary>A day off by law, or a compensatory day (nghỉ bù) for a holiday that fell on a weekend.</summary>
/// <param name="Date">The Gregorian date.</param>
/// <param name="Name">Vietnamese name shown to users, e.g. "Quốc khánh" or "Nghỉ bù Quốc khánh".</param>
/// <param name="IsCompensatory">True when this day is off only because a holiday fell on a Saturday or Sunday.</param>
public sealed record PublicHoliday(DateOnly Date, string Name, bool IsCompensatory = false);
