using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Designer;

/// <summary>/ho-so/{id}/so-do: the dossier's workflow graph, read-only, for anyone who may see the dossier.</summary>
public sealed class InstanceModel(DossierQueries queries) : AppPageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public DossierDetails Dossier { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        Dossier = await queries.GetAsync(Me, Id, HttpContext.RequestAborted);
        return Page();
    });
}
