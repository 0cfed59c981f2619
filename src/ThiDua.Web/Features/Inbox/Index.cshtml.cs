using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Inbox;

public sealed class IndexModel(TaskService tasks) : AppPageModel
{
    /// <summary>
    /// Tasks per page. A whole-country office has thousands open: listing them all made a 1.7 MB page that took
    /// 0.4 s to build on the 1M-dossier bench file.
    /// </summary>
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PagedResult<TaskItem> Result { get; private set; } = new([], 0, 1, PageSize);

    public IReadOnlyList<TaskItem> Tasks => Result.Items;

    /// <summary>The total on the badge; a count that stopped at its limit reads "1000+".</summary>
    public string TotalText => Result.TotalIsLowerBound ? $"{Result.Total}+" : Result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string PageLink(int page) => page <= 1 ? "/hop-viec" : $"/hop-viec?p={page}";

    /// <summary>Rendered into the form so that submitting the same batch twice cannot approve anything twice.</summary>
    public string BatchKey { get; private set; } = Guid.NewGuid().ToString("N");

    [BindProperty]
    public List<Guid> TaskIds { get; set; } = [];

    [BindProperty]
    public string? Batch { get; set; }

    public static string? BatchOutcome(TaskItem t) =>
        t.Vote is not null ? null : t.AllowedOutcomes.Select(o => o.Code).FirstOrDefault(c => c is Outcomes.Approve or Outcomes.Accept);

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        Result = await tasks.PageAsync(Me, PageNumber, PageSize, HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostBatchApproveAsync() => Guard(async () =>
    {
        if (TaskIds.Count == 0)
        {
            TempData["Error"] = "Chưa chọn hồ sơ nào để đồng ý.";
            return RedirectToPage();
        }
        var chosen = TaskIds.Distinct().Take(200).ToList();
        var open = (await tasks.ListAsync(Me, chosen, HttpContext.RequestAborted)).ToDictionary(t => t.Id);
        var done = new List<string>();
        var failed = new List<string>();
        foreach (var id in chosen)
        {
            if (!open.TryGetValue(id, out var task) || BatchOutcome(task) is not { } outcome)
            {
                failed.Add($"{id.ToString()[..8]}: không còn trong hộp việc hoặc không duyệt hàng loạt được");
                continue;
            }
            try
            {
                await tasks.CompleteAsync(Me, id, outcome, null, $"{Batch}:{id}", HttpContext.RequestAborted);
                done.Add(task.DossierCode);
            }
            catch (Exception ex) when (ex is AppException or WorkflowException)
            {
                failed.Add($"{task.DossierCode}: {ex.Message}");
            }
        }
        if (done.Count > 0)
            TempData["Success"] = $"Đã đồng ý {done.Count} hồ sơ: {string.Join(", ", done)}.";
        if (failed.Count > 0)
            TempData["Error"] = $"{failed.Count} hồ sơ chưa xử lý được — {string.Join("; ", failed)}";
        return RedirectToPage();
    });
}
