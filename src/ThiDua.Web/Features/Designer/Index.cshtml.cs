using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

/// <summary>/thiet-ke lists the definitions; /thiet-ke/{id} hosts the React Flow editor for one of them.</summary>
[RequireRole(Roles.WorkflowAdmin)]
public sealed class IndexModel(DesignerService designer, IWebHostEnvironment env) : AppPageModel
{
    [FromRoute]
    public string? Id { get; set; }

    public IReadOnlyList<DefinitionSummary> Definitions { get; private set; } = [];

    /// <summary>False when the client bundle was not built (npm unavailable): the page says so instead of showing an empty box.</summary>
    public bool BundleBuilt => env.WebRootFileProvider.GetFileInfo("designer/designer.js").Exists;

    [BindProperty]
    public string? NewId { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        if (Id is null)
            Definitions = await designer.ListAsync(HttpContext.RequestAborted);
        else
            await designer.GetAsync(Id, HttpContext.RequestAborted);
        return Page();
    });

    /// <summary>Starts a new definition as a draft with a Start and an End, then opens it in the editor.</summary>
    public Task<IActionResult> OnPostCreateAsync() => Guard(async () =>
    {
        var id = NewId?.Trim() ?? "";
        var name = NewName?.Trim() ?? "";
        if ((await designer.ListAsync(HttpContext.RequestAborted)).Any(d => d.Id == id))
            throw AppException.Invalid(nameof(NewId), $"Đã có quy trình mã '{id}'.");
        var skeleton = new JsonObject
        {
            ["$schema"] = WorkflowDefinition.SchemaUri,
            ["id"] = id,
            ["name"] = name,
            ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "bat-dau", ["type"] = ActivityTypes.Start, ["name"] = "Bắt đầu" },
                new JsonObject { ["id"] = "ket-thuc", ["type"] = ActivityTypes.End, ["name"] = "Kết thúc", ["settings"] = new JsonObject { ["result"] = DossierStates.Approved } }),
            ["edges"] = new JsonArray(new JsonObject { ["from"] = "bat-dau", ["to"] = "ket-thuc" }),
        };
        var read = DefinitionReader.Read(skeleton.ToJsonString());
        if (read.Errors.FirstOrDefault() is { } error)
            throw AppException.Invalid(error.Field == "name" ? nameof(NewName) : nameof(NewId), error.Message);
        await designer.SaveDraftAsync(Me, id, skeleton, null, HttpContext.RequestAborted);
        return Redirect($"/thiet-ke/{Uri.EscapeDataString(id)}");
    }, async () =>
    {
        Definitions = await designer.ListAsync(HttpContext.RequestAborted);
        return Page();
    });
}
