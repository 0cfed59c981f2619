using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Web.Features.Auth;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Shared;

/// <summary>
/// Base of the signed-in pages. Refusals from the services become a Vietnamese message on the page with the
/// form values kept, the same rules as the API because both call the same services.
/// </summary>
public abstract class AppPageModel : PageModel
{
    private CurrentUser? _me;

    protected async Task<CurrentUser> MeAsync() =>
        _me ??= await HttpContext.RequestServices.GetRequiredService<CurrentUserAccessor>().GetAsync(HttpContext.RequestAborted);

    public CurrentUser Me => _me ?? throw new InvalidOperationException("Call MeAsync first.");

    public string? ErrorMessage { get; set; }

    /// <summary>Runs an action; a refusal is shown on the page (or as 404/403 when the thing cannot be shown at all).</summary>
    protected async Task<IActionResult> Guard(Func<Task<IActionResult>> action, Func<Task<IActionResult>>? redisplay = null)
    {
        try
        {
            await MeAsync();
            return await action();
        }
        catch (Exception ex) when (ex is AppException or WorkflowException)
        {
            var app = ex as AppException ?? Problems.ToApp((WorkflowException)ex);
            if (redisplay is null && app.Kind is AppErrorKind.NotFound)
                return NotFound();
            if (redisplay is null && app.Kind is AppErrorKind.Forbidden)
                return Forbid();
            ErrorMessage = app.Message;
            if (app.FieldErrors is { } fields)
                foreach (var (field, messages) in fields)
                    foreach (var m in messages)
                        ModelState.AddModelError(field, m);
            if (redisplay is null)
                return Page();
            try
            {
                return await redisplay();
            }
            catch (AppException again) when (again.Kind is AppErrorKind.NotFound or AppErrorKind.Forbidden)
            {
                // The page itself is not this person's to see (a stranger posting to someone else's dossier).
                return again.Kind is AppErrorKind.NotFound ? NotFound() : Forbid();
            }
        }
    }
}
