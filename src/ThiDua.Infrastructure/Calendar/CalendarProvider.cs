using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Infrastructure.Calendar;

/// <summary>
/// The working calendar with the administrators' days off and make-up days from the database. It reloads
/// after a local change at once and otherwise every few minutes, so every node of a cluster follows an edit.
/// </summary>
public sealed class CalendarProvider(IDbContextFactory<ThiDuaDbContext> factory, TimeProvider time) : IWorkingCalendar
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);
    private volatile WorkingCalendar _calendar = new();
    private DateTime _loadedAt = DateTime.MinValue;
    private readonly Lock _gate = new();

    public WorkingCalendar Current
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (now - _loadedAt > RefreshEvery || now < _loadedAt)
                Reload();
            return _calendar;
        }
    }

    public void Reload()
    {
        lock (_gate)
        {
            using var db = factory.CreateDbContext();
            // Before the first migration the table may not exist yet; weekends and holidays still apply.
            List<CalendarOverride> overrides;
            try
            {
                overrides = db.CalendarDays.AsNoTracking().Select(d => new CalendarOverride(d.Date, d.IsWorkingDay, d.Reason)).ToList();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                overrides = [];
            }
            _calendar = new WorkingCalendar(overrides);
            _loadedAt = time.GetUtcNow().UtcDateTime;
        }
    }

    public bool IsWorkingDay(DateOnly date) => Current.IsWorkingDay(date);

    public DateTime AddWorkingDays(DateTime fromUtc, int workingDays) => Current.AddWorkingDays(fromUtc, workingDays);

    public int WorkingDaysBetween(DateTime fromUtc, DateTime toUtc) => Current.WorkingDaysBetween(fromUtc, toUtc);
}
