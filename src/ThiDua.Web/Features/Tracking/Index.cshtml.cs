using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Excel;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Tracking;

/// <summary>The tracking board (Theo dõi hồ sơ): every dossier the person may see, where it is, how long, overdue or not.</summary>
public sealed class IndexModel(DossierQueries queries, ThiDuaDbContext db) : AppPageModel
{
    public const int ExportLimit = 10_000;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? AwardForm { get; set; }
    [BindProperty(SupportsGet = true)] public string? Movement { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedResult<DossierListItem> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<(string Value, string Text)> Awards { get; private set; } = [];
    public IReadOnlyList<(string Value, string Text)> Movements { get; private set; } = [];

    private DossierListQuery Query(int page, int size) =>
        new(Status: Status, Q: Q, AwardForm: AwardForm, Movement: Movement, Level: Level, Overdue: Overdue ? true : null, Page: page, PageSize: size);

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        Result = await queries.ListAsync(Me, Query(PageNumber, 20), HttpContext.RequestAborted);
        Awards = (await db.AwardForms.AsNoTracking().OrderBy(a => a.SortOrder).Select(a => new { a.Code, a.Name }).ToListAsync()).Select(a => (a.Code, a.Name)).ToList();
        Movements = (await db.Movements.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync()).Select(m => (m.Id.ToString(), m.Name)).ToList();
        return Page();
    });

    /// <summary>The filtered list, all pages, as an .xlsx file.</summary>
    public Task<IActionResult> OnGetExportAsync() => Guard(async () =>
    {
        var rows = new List<IReadOnlyList<object?>>();
        for (var page = 1; rows.Count < ExportLimit; page++)
        {
            var chunk = await queries.ListAsync(Me, Query(page, DossierQueries.MaxPageSize), HttpContext.RequestAborted);
            rows.AddRange(chunk.Items.Select(d => (IReadOnlyList<object?>)
            [
                d.Code, d.NomineeName, Infrastructure.Dossiers.NomineeKinds.VietnameseName(d.NomineeKind), d.AwardFormName, d.UnitName, d.MovementName,
                d.Level, d.CurrentStep?.Step, d.CurrentStep?.Organization, d.CurrentStep?.Holder, d.CurrentStep?.DaysWaiting,
                d.CurrentStep?.DueAt, d.CurrentStep?.Overdue == true ? "Quá hạn" : "", d.StateName, d.StatusLabel, d.SubmittedAt, d.UpdatedAt,
            ]));
            // A capped count (TotalIsLowerBound) does not say where the list ends; a short page does.
            if (chunk.Items.Count < chunk.PageSize || (page >= chunk.Pages && !chunk.TotalIsLowerBound))
                break;
        }
        var bytes = XlsxWriter.Write("Theo dõi hồ sơ",
            ["Mã hồ sơ", "Đối tượng", "Loại", "Hình thức khen thưởng", "Đơn vị", "Phong trào", "Cấp", "Bước hiện tại", "Tổ chức đang xử lý", "Người xử lý", "Số ngày chờ", "Hạn xử lý", "Quá hạn", "Tình trạng", "Trạng thái", "Ngày gửi", "Cập nhật"],
            rows);
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"theo-doi-ho-so-{DateTime.UtcNow.AddHours(7):yyyyMMdd-HHmm}.xlsx");
    });

    public string PageLink(int page)
    {
        var query = HttpContext.Request.Query.Where(q => q.Key != "p").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        query.Add($"p={page}");
        return "/theo-doi?" + string.Join("&", query);
    }

    public string ExportLink => "/theo-doi?" + string.Join("&", HttpContext.Request.Query.Where(q => q.Key is not "p" and not "handler")
        .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append("handler=Export"));
}
