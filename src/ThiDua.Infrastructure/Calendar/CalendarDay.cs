namespace ThiDua.Infrastructure.Calendar;

/// <summary>An administrator's change to the working calendar: an extra day off, or a Saturday worked to make up for one.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public required string Reason { get; set; }
}
