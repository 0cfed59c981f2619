using System.Security.Claims;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Web.Features.Auth;

/// <summary>Loads the signed-in user with their roles once per request.</summary>
public sealed class CurrentUserAccessor(IHttpContextAccessor http, UserDirectory users)
{
    private CurrentUser? _user;

    public async Task<CurrentUser?> FindAsync(CancellationToken ct = default)
    {
        if (_user is not null)
            return _user;
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            return null;
        return _user = await users.LoadAsync(id, ct);
    }

    /// <summary>The user, or a 401 refusal when the account was disabled after sign-in.</summary>
    public async Task<CurrentUser> GetAsync(CancellationToken ct = default) =>
        await FindAsync(ct) ?? throw new AppException(AppErrorKind.Forbidden, "Tài khoản không còn hoạt động. Hãy đăng nhập lại.");
}
