using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Tasks;

/// <summary>The review page: the dossier, its files and history, and the decision buttons (or the ballot for a council member).</summary>
public sealed class DecideModel(TaskService tasks, DossierQueries dossiers, AttachmentService attachments) : AppPageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public TaskItem Item { get; private set; } = null!;
    public DossierDetails Dossier { get; private set; } = null!;
    public IReadOnlyList<DossierAttachment> Files { get; private set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    [BindProperty]
    public bool? Approve { get; set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        await LoadAsync();
        return Page();
    }, ClosedAsync);

    public Task<IActionResult> OnPostAsync() => Guard(async () =>
    {
        var result = await tasks.CompleteAsync(Me, Id, Outcome, Comment, IdempotencyKey, HttpContext.RequestAborted);
        TempData["Success"] = $"Đã xử lý: {Infrastructure.Text.Vocabulary.Outcome(result.Outcome)}.";
        return Redirect("/hop-viec");
    }, RedisplayAsync);

    public Task<IActionResult> OnPostVoteAsync() => Guard(async () =>
    {
        var result = await tasks.VoteAsync(Me, Id, Approve, HttpContext.RequestAborted);
        TempData["Success"] = result.Closed
            ? $"Đã ghi nhận phiếu. Phiên bỏ phiếu đã kết thúc: {result.Yes}/{result.Members} tán thành — {Infrastructure.Text.Vocabulary.Outcome(result.Outcome)}."
            : "Đã ghi nhận phiếu của bạn. Kết quả sẽ có khi đủ thành viên bỏ phiếu.";
        return Redirect($"/ho-so/{result.DossierId}");
    }, RedisplayAsync);

    private async Task LoadAsync()
    {
        Item = await tasks.GetAsync(Me, Id, HttpContext.RequestAborted);
        Dossier = await dossiers.GetAsync(Me, Item.DossierId, HttpContext.RequestAborted);
        Files = await attachments.ListAsync(Me, Item.DossierId, HttpContext.RequestAborted);
    }

    /// <summary>After a refused decision, show the page again with the reason typed so far, if the task is still open.</summary>
    private async Task<IActionResult> RedisplayAsync()
    {
        try
        {
            await LoadAsync();
            return Page();
        }
        catch (Infrastructure.AppException ex)
        {
            TempData["Error"] = ErrorMessage ?? ex.Message;
            return Redirect("/hop-viec");
        }
    }

    private Task<IActionResult> ClosedAsync()
    {
        TempData["Error"] = ErrorMessage;
        return Task.FromResult<IActionResult>(Redirect("/hop-viec"));
    }
}
