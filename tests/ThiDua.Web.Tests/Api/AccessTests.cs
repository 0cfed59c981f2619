using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Api;

/// <summary>Role and organization rules: people outside the chain neither see nor act, and a refused attempt changes nothing.</summary>
public sealed class AccessTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private readonly Chain _chain = new(app);

    [Fact]
    public async Task Another_province_cannot_see_or_act_on_a_dossier()
    {
        var id = await _chain.SubmitNewAsync("Quách Thị Bí Mật", "giay-khen");
        var taskId = (await (await _chain.As("lanhdao.ttud")).TaskForAsync(id))["id"]!.GetValue<Guid>();
        var stranger = await _chain.As("lanhdao.laichau");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/dossiers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.CompleteAsync(taskId, "Approve")).StatusCode);
        var list = await ApiClient.Json(await stranger.Http.GetAsync("/api/dossiers?q=quach thi bi mat"));
        Assert.Equal(0, list["total"]!.GetValue<int>());

        // The task is still there for the right person.
        Assert.Equal(taskId, (await (await _chain.As("lanhdao.ttud")).TaskForAsync(id))["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_superior_who_can_see_the_dossier_still_cannot_take_the_units_decision()
    {
        var id = await _chain.SubmitNewAsync("Tôn Văn Vượt Cấp", "giay-khen");
        var taskId = (await (await _chain.As("lanhdao.ttud")).TaskForAsync(id))["id"]!.GetValue<Guid>();
        var director = await _chain.As("lanhdao.skhcn");

        await director.DossierAsync(id);
        var attempt = await director.CompleteAsync(taskId, "Approve");
        Assert.Equal(HttpStatusCode.Forbidden, attempt.StatusCode);
        Assert.Contains("Trung tâm Ứng dụng", (await ApiClient.Json(attempt))["detail"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>().Journal.CountAsync(j => j.DossierId == id && j.Kind == "TaskCompleted"));
    }

    [Fact]
    public async Task Sở_Nội_vụ_sees_a_dossier_only_once_it_reaches_it()
    {
        var id = await _chain.SubmitNewAsync("Phùng Thị Chưa Tới", "bang-khen-tinh");
        var snv = await _chain.As("chuyenvien.snv");
        Assert.Equal(HttpStatusCode.NotFound, (await snv.Http.GetAsync($"/api/dossiers/{id}")).StatusCode);
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        var seen = await snv.DossierAsync(id);
        Assert.Equal("Chờ Sở Nội vụ tiếp nhận", seen["statusLabel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_units_secretary_creates_and_submits_and_drafts_stay_inside_the_unit()
    {
        var leader = await _chain.As("lanhdao.ttud");
        var create = await leader.Http.PostAsJsonAsync("/api/dossiers", new { nomineeKind = "individual", nomineeName = "X", awardForm = "giay-khen" });
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);

        var secretary = await _chain.As("thuky.ttud");
        var draft = await secretary.CreateDossierAsync("Nháp Nội Bộ", "giay-khen");
        Assert.Equal(HttpStatusCode.NotFound, (await (await _chain.As("thuky.skhcn")).Http.GetAsync($"/api/dossiers/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.SubmitAsync(draft)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretary.SubmitAsync(draft)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.SubmitAsync(draft)).StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_anonymous_callers_and_wrong_passwords_with_problem_details()
    {
        var anonymous = app.CreateClient();
        var tasks = await anonymous.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, tasks.StatusCode);
        Assert.Equal("application/problem+json", tasks.Content.Headers.ContentType!.MediaType);

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "thuky.ttud", password = "sai-mat-khau" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", (await ApiClient.Json(login))["detail"]!.GetValue<string>());
    }
}
