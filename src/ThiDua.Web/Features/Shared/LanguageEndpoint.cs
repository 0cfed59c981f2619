using Microsoft.AspNetCore.Localization;

namespace ThiDua.Web.Features.Shared;

public static class LanguageEndpoint
{
    /// <summary>Remembers the chosen language in a cookie and goes back to the page.</summary>
    public static void MapLanguageEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/ngon-ngu", (HttpContext http, string? culture, string? returnUrl) =>
        {
            var chosen = culture == "en-US" ? "en-US" : "vi-VN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        });
}
