using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Auth;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Username, string? Password);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Đăng nhập");

        auth.MapPost("/login", async (HttpContext http, LoginService login) =>
        {
            var body = await JsonBody.ReadAsync<LoginRequest>(http);
            var user = await login.VerifyAsync(body.Username, body.Password, http.RequestAborted);
            await SignInAsync(http, user.Id, user.Username, user.DisplayName);
            return Results.Ok(new { user.Id, user.Username, user.DisplayName });
        }).RequireRateLimiting(Hosting.ThiDuaWebSetup.LoginRateLimit);

        auth.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

        auth.MapGet("/me", async (CurrentUserAccessor current) =>
        {
            var user = await current.GetAsync();
            return Results.Ok(new
            {
                user.Id,
                user.Username,
                user.DisplayName,
                Roles = user.Roles.Select(r => new { r.OrgId, Organization = r.OrgName, r.Role, RoleName = Roles.VietnameseName(r.Role) }),
            });
        }).RequireAuthorization();
    }

    public static Task SignInAsync(HttpContext http, Guid id, string username, string displayName)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, username), new Claim("display_name", displayName)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
