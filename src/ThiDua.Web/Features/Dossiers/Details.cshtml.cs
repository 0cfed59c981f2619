using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Dossiers;

[RequestSizeLimit(UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
public sealed class DetailsModel(DossierQueries queries, DossierService dossiers, AttachmentService attachments) : AppPageModel
{
    /// <summary>A little above the 20 MB file limit, so an oversized file reaches the handler and gets a clear message instead of a bare 413.</summary>
    public const long UploadRequestLimit = AttachmentService.MaxBytes + 2 * 1024 * 1024;

    [FromRoute]
    public Guid Id { get; set; }

    public DossierDetails Dossier { get; private set; } = null!;
    public IReadOnlyList<DossierAttachment> Files { get; private set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostSubmitAsync() => Guard(async () =>
    {
        var dossier = await dossiers.SubmitAsync(Me, Id, Comment, HttpContext.RequestAborted);
        TempData["Success"] = $"Đã gửi hồ sơ {dossier.Code}. {dossier.StatusLabel}";
        return RedirectToPage();
    }, RedisplayAsync);

    public Task<IActionResult> OnPostUploadAsync(List<IFormFile> files) => Guard(async () =>
    {
        if (files.Count == 0)
            throw AppException.Invalid("file", "Hãy chọn tệp cần đính kèm.");
        var added = new List<string>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            added.Add((await attachments.AddAsync(Me, Id, file.FileName, stream, file.Length, HttpContext.RequestAborted)).FileName);
        }
        TempData["Success"] = $"Đã đính kèm: {string.Join(", ", added)}.";
        return RedirectToPage();
    }, RedisplayAsync);

    public Task<IActionResult> OnPostDeleteFileAsync(Guid fileId) => Guard(async () =>
    {
        await attachments.DeleteAsync(Me, Id, fileId, HttpContext.RequestAborted);
        TempData["Success"] = "Đã gỡ tệp.";
        return RedirectToPage();
    }, RedisplayAsync);

    private async Task LoadAsync()
    {
        Dossier = await queries.GetAsync(Me, Id, HttpContext.RequestAborted);
        Files = await attachments.ListAsync(Me, Id, HttpContext.RequestAborted);
    }

    private async Task<IActionResult> RedisplayAsync()
    {
        await LoadAsync();
        return Page();
    }
}
