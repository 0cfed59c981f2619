namespace ThiDua.Workflows.Calendar;

/// <summary>A non-working day with the reason shown to users.</summary>
public readonly record struct DayOff(DateOnly Date, string Reason);
