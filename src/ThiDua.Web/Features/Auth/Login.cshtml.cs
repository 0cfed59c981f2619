using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ThiDua.Infrastructure;

namespace ThiDua.Web.Features.Auth;

// LoginService (a database context) comes with the post only: the form is the first page after a start (see DatabaseAtRest).
public sealed class LoginModel : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromServices] LoginService login)
    {
        try
        {
            var user = await login.VerifyAsync(Username, Password, HttpContext.RequestAborted);
            await AuthEndpoints.SignInAsync(HttpContext, user.Id, user.Username, user.DisplayName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        catch (AppException ex)
        {
            ErrorMessage = ex.Message;
            Password = null;
            return Page();
        }
    }
}
