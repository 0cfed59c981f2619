using System.Security.Claims;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Web.Features.Auth;

/// <summary>Loads the signed-in user with their roles once per request.</summary>
/// <remarks>
/// The user directory (and with it a database context) is resolved only for a signed-in request: the login page, the
/// first page after a start, then does not wait for EF Core's first context (see DatabaseAtRest).
/// </remarks>
public sealed class CurrentUserAccessor(IHttpContextAccessor http, IServiceProvider services)
{
    private CurrentUser? _user;

    public async Task<CurrentUser?> FindAsync(CancellationToken ct = default)
    {
        if (_user is not null)
            return _user;
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return null;
        return _user = await services.GetRequiredService<UserDirectory>().LoadAsync(id, ct);
    }

    /// <summary>The user, or a 401 refusal when the account was disabled after sign-in.</summary>
    public async Task<CurrentUser> GetAsync(CancellationToken ct = default) =>
        await FindAsync(ct) ?? throw new AppException(AppErrorKind.Forbidden, "Tài khoản không còn hoạt động. Hãy đăng nhập lại.");
}
