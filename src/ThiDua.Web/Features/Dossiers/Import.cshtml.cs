using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Dossiers;

[RequireRole(Roles.Secretary)]
[RequestSizeLimit(MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 1024 * 1024)]
public sealed class ImportModel(DossierImportService import) : AppPageModel
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public ImportResult? Result { get; private set; }

    public IActionResult OnGet() => Page();

    public IActionResult OnGetTemplate() =>
        File(DossierImportService.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-danh-sach-de-nghi.xlsx");

    public Task<IActionResult> OnPostAsync(IFormFile? file) => Guard(async () =>
    {
        if (file is null || file.Length == 0)
            throw AppException.Invalid("file", "Hãy chọn tệp Excel (.xlsx) cần nhập.");
        if (file.Length > MaxBytes)
            throw AppException.Invalid("file", "Tệp nhập vượt quá 5 MB.");
        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, HttpContext.RequestAborted);
        copy.Position = 0;
        Result = await import.ImportAsync(Me, copy, null, HttpContext.RequestAborted);
        return Page();
    }, () => Task.FromResult<IActionResult>(Page()));
}
