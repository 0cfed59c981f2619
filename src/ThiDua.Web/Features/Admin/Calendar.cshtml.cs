using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Calendar;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Admin;

/// <summary>The working calendar every due date uses: holidays (lunar Tết, Giỗ Tổ…) and the administrators' days off and make-up days.</summary>
[RequireRole(Roles.SystemAdmin)]
public sealed class CalendarModel(ThiDuaDbContext db, CalendarProvider calendar, Infrastructure.Audit.AuditLog audit) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; } = DateTime.UtcNow.AddHours(7).Year;

    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public bool IsWorkingDay { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<DayOff> DaysOff { get; private set; } = [];
    public IReadOnlyList<CalendarDay> Overrides { get; private set; } = [];
    public int WorkingDays { get; private set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAddAsync() => Guard(async () =>
    {
        if (Date is null)
            throw AppException.Invalid("Date", "Chọn ngày.");
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 300)
            throw AppException.Invalid("Reason", "Nhập lý do (tối đa 300 ký tự), ví dụ \"Nghỉ hoán đổi dịp Tết\".");
        var existing = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == Date);
        if (existing is null)
            db.CalendarDays.Add(new CalendarDay { Date = Date.Value, IsWorkingDay = IsWorkingDay, Reason = Reason.Trim() });
        else
        {
            existing.IsWorkingDay = IsWorkingDay;
            existing.Reason = Reason.Trim();
        }
        audit.Record("calendar.set", Me, $"date:{Date:yyyy-MM-dd}", $"{(IsWorkingDay ? "làm bù" : "nghỉ")} · {Reason.Trim()}");
        await db.SaveChangesAsync();
        calendar.Reload();
        TempData["Success"] = $"Đã lưu ngày {Date:dd/MM/yyyy}: {(IsWorkingDay ? "làm việc (làm bù)" : "nghỉ")}.";
        return Redirect($"/quan-tri/lich-lam-viec?Year={Date.Value.Year}");
    }, async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostRemoveAsync(DateOnly date) => Guard(async () =>
    {
        db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date == date).ToListAsync());
        audit.Record("calendar.remove", Me, $"date:{date:yyyy-MM-dd}", null);
        await db.SaveChangesAsync();
        calendar.Reload();
        TempData["Success"] = $"Đã bỏ điều chỉnh ngày {date:dd/MM/yyyy}.";
        return Redirect($"/quan-tri/lich-lam-viec?Year={date.Year}");
    });

    private async Task LoadAsync()
    {
        if (Year is < 1900 or > 2199)
            Year = DateTime.UtcNow.Year;
        var current = calendar.Current;
        DaysOff = current.DaysOff(Year);
        Overrides = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= new DateOnly(Year, 1, 1) && d.Date <= new DateOnly(Year, 12, 31)).OrderBy(d => d.Date).ToListAsync();
        var first = new DateTime(Year - 1, 12, 31, 10, 0, 0, DateTimeKind.Utc);
        WorkingDays = current.WorkingDaysBetween(first, new DateTime(Year, 12, 31, 10, 0, 0, DateTimeKind.Utc));
    }

}
