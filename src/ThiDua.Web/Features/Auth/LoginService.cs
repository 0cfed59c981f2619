using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Features.Auth;

/// <summary>Checks a username and password. The same vague message for every failure, so it does not reveal which accounts exist.</summary>
public sealed class LoginService(ThiDuaDbContext db)
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
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
            throw new AppException(AppErrorKind.Unauthenticated, Failed);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return user;
    }
}
