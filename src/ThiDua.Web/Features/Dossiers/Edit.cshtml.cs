using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Dossiers;

/// <summary>Create (/ho-so/tao) and edit (/ho-so/{id}/sua) share one form; the award list follows the chosen movement.</summary>
public sealed class EditModel(DossierService dossiers, DossierQueries queries, ThiDuaDbContext db) : AppPageModel
{
    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public DossierForm Form { get; set; } = new();

    public sealed class DossierForm
    {
        public string? NomineeKind { get; set; } = "individual";
        public string? NomineeName { get; set; }
        public string? NomineeTitle { get; set; }
        public string? AwardForm { get; set; }
        public string? Unit { get; set; }
        public string? Movement { get; set; }
        public string? Period { get; set; }
        public string? Summary { get; set; }
        public int? Version { get; set; }

        public DossierInput Input => new(NomineeKind, NomineeName, NomineeTitle, AwardForm, Unit, Movement, Period, Summary);
    }

    public sealed record Option(string Value, string Text);

    public IReadOnlyList<Option> Movements { get; private set; } = [];
    public IReadOnlyList<Option> Awards { get; private set; } = [];
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public bool IsNew => Id is null;

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        if (Id is { } id)
        {
            var d = await queries.GetAsync(Me, id, HttpContext.RequestAborted);
            if (!d.CanEdit)
            {
                TempData["Error"] = "Hồ sơ đang được xét duyệt, không sửa được.";
                return Redirect($"/ho-so/{id}");
            }
            var movementCode = d.MovementId is { } m ? await db.Movements.Where(x => x.Id == m).Select(x => x.Code).FirstOrDefaultAsync() : null;
            Form = new DossierForm
            {
                NomineeKind = d.NomineeKind, NomineeName = d.NomineeName, NomineeTitle = d.NomineeTitle, AwardForm = d.AwardForm,
                Unit = d.UnitId.ToString(), Movement = movementCode, Period = d.Period, Summary = d.Summary, Version = d.Version,
            };
        }
        else if (!Me.HasAnywhere(Roles.Secretary))
            return Forbid(); // only a unit's secretary enters dossiers; a form nobody else could save would only mislead
        await LoadOptionsAsync();
        return Page();
    });

    /// <summary>htmx: the award forms the chosen movement allows.</summary>
    public async Task<IActionResult> OnGetAwardOptionsAsync([FromQuery(Name = "Form.Movement")] string? movement)
    {
        await MeAsync();
        Form.Movement = movement;
        await LoadOptionsAsync();
        return Partial("_AwardOptions", this);
    }

    public Task<IActionResult> OnPostAsync() => Guard(async () =>
    {
        if (Id is { } id)
        {
            await dossiers.UpdateAsync(Me, id, Form.Input, Form.Version, HttpContext.RequestAborted);
            TempData["Success"] = "Đã lưu hồ sơ.";
            return Redirect($"/ho-so/{id}");
        }
        var created = await dossiers.CreateAsync(Me, Form.Input, HttpContext.RequestAborted);
        TempData["Success"] = $"Đã lập hồ sơ {created.Code} (bản nháp). Đính kèm tệp rồi gửi để bắt đầu xét duyệt.";
        return Redirect($"/ho-so/{created.Id}");
    }, async () =>
    {
        await LoadOptionsAsync();
        return Page();
    });

    private async Task LoadOptionsAsync()
    {
        var movements = await db.Movements.AsNoTracking().Where(m => m.IsActive).OrderBy(m => m.Name).ToListAsync();
        Movements = movements.Select(m => new Option(m.Code, m.Name)).ToList();
        var allowed = movements.FirstOrDefault(m => m.Code == Form.Movement)?.AllowedAwardForms.Split(',', StringSplitOptions.TrimEntries);
        var awards = await db.AwardForms.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ToListAsync();
        Awards = awards.Where(a => allowed is null || allowed.Contains(a.Code)).Select(a => new Option(a.Code, $"{a.Name} — {a.DecidedBy}")).ToList();
        Units = Me.Roles.Where(r => r.Role == Roles.Secretary).Select(r => new Option(r.OrgId.ToString(), r.OrgName)).DistinctBy(o => o.Value).ToList();
    }
}
