using System.Net;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Pages;

/// <summary>Page-level rules checked over HTTP: sign-in required, language, antiforgery, the same visibility as the API.</summary>
public sealed class PageTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Pages_send_anonymous_visitors_to_the_login_page()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/hop-viec");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ui_is_vietnamese_by_default_and_english_on_request()
    {
        using var user = await app.LoginAsync("lanhdao.ttud");
        var vietnamese = await user.Http.GetStringAsync("/hop-viec");
        Assert.Contains("<h1>Hộp việc", vietnamese);
        Assert.Contains("Lê Văn Hùng", vietnamese);
        Assert.Contains("Lãnh đạo · Trung tâm Ứng dụng và Dịch vụ KH&amp;CN", vietnamese);

        await user.Http.GetAsync("/ngon-ngu?culture=en-US&returnUrl=/hop-viec");
        var english = await user.Http.GetStringAsync("/hop-viec");
        Assert.Contains("<h1>Inbox", english);
        Assert.Contains("Sign out", english);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var secretary = await app.LoginAsync("thuky.ttud");
        var before = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=khong co token"));
        var post = await secretary.Http.PostAsync("/ho-so/tao", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.NomineeKind"] = "individual", ["Form.NomineeName"] = "Không Có Token", ["Form.AwardForm"] = "giay-khen",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var after = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=khong co token"));
        Assert.Equal(before["total"]!.GetValue<int>(), after["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_dossier_page_outside_ones_organization_is_a_vietnamese_404()
    {
        using var secretary = await app.LoginAsync("thuky.ttud");
        var id = await secretary.CreateDossierAsync("Trang Riêng Tư");
        using var stranger = await app.LoginAsync("thuky.govap");
        var response = await stranger.Http.GetAsync($"/ho-so/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy trang hoặc hồ sơ", body);
        Assert.DoesNotContain("Trang Riêng Tư", body);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/ho-so/{id}/sua")).StatusCode);
    }
}
