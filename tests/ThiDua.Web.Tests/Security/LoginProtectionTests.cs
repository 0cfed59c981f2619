using System.Net;
using System.Net.Http.Json;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

public sealed class LoginProtectionTests
{
    private sealed class LimitedFactory : ThiDuaAppFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var s = base.Settings;
                s["Security:LoginPermitPerMinute"] = "8";
                return s;
            }
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one_until_the_lockout_ends()
    {
        using var app = new ThiDuaAppFactory();
        var client = app.CreateClient();
        for (var i = 1; i <= 4; i++)
            Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", await DetailAsync(await client.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.ttud", password = "sai" + i })));
        Assert.Contains("tạm khóa 15 phút", await DetailAsync(await client.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.ttud", password = "sai5" })));

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.ttud", password = "ThiDua@2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("Tài khoản tạm khóa đến", await DetailAsync(locked));
        // Other accounts are not affected.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { username = "thuky.ttud", password = "ThiDua@2026" })).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.ttud", password = "ThiDua@2026" })).StatusCode);
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_are_slowed_down_with_a_429()
    {
        using var app = new LimitedFactory();
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { username = "khong.ton.tai" + i, password = "x" })).StatusCode);
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var rejected = await client.PostAsJsonAsync("/api/auth/login", new { username = "thuky.ttud", password = "ThiDua@2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Contains("quá nhiều lần", await DetailAsync(rejected));
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) => (await ApiClient.Json(response))["detail"]!.GetValue<string>();
}
