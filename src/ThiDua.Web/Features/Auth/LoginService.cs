using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Features.Auth;

/// <summary>The "Security" section of appsettings.json.</summary>
public sealed class SecurityOptions
{
    /// <summary>Consecutive wrong passwords before the account is locked.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Sign-in attempts allowed per client address per minute (both the page and the API).</summary>
    public int LoginPermitPerMinute { get; set; } = 20;
}

/// <summary>
/// Checks a username and password. The same vague message for every failure, so it does not reveal which
/// accounts exist; repeated failures lock the account for a while. Passwords are never logged or stored.
/// </summary>
public sealed class LoginService(ThiDuaDbContext db, TimeProvider time, IOptions<SecurityOptions> options, ThiDua.Infrastructure.Audit.AuditLog audit)
{
    private static readonly PasswordHasher<AppUser> Hasher = new();
    public const string Failed = "Tên đăng nhập hoặc mật khẩu không đúng.";

    public async Task<AppUser> VerifyAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password) || username.Length > 100 || password.Length > 200)
            throw new AppException(AppErrorKind.Unauthenticated, Failed);
        var name = username.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == name, ct);
        if (user is null || !user.IsActive)
            throw new AppException(AppErrorKind.Unauthenticated, Failed);
        var now = time.GetUtcNow().UtcDateTime;
        if (user.LockedUntil is { } until && until > now)
            throw new AppException(AppErrorKind.Unauthenticated, $"Tài khoản tạm khóa đến {until.AddHours(7):HH:mm dd/MM/yyyy} do nhập sai mật khẩu nhiều lần. Hãy thử lại sau hoặc liên hệ quản trị hệ thống.");

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            user.FailedLogins++;
            var locked = user.FailedLogins >= options.Value.MaxFailedLogins;
            if (locked)
            {
                user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                user.FailedLogins = 0;
            }
            audit.Record(locked ? "login.locked" : "login.failed", user.Id, user.DisplayName, "user:" + user.Username, null);
            await db.SaveChangesAsync(ct);
            throw new AppException(AppErrorKind.Unauthenticated, locked
                ? $"Nhập sai mật khẩu {options.Value.MaxFailedLogins} lần liên tiếp: tài khoản tạm khóa {options.Value.LockoutMinutes} phút."
                : Failed);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedLogins = 0;
        user.LockedUntil = null;
        audit.Record("login.success", user.Id, user.DisplayName, "user:" + user.Username, null);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
