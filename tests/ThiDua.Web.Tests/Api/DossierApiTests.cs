using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Api;

public sealed class DossierApiTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private readonly Chain _chain = new(app);

    [Fact]
    public async Task Search_ignores_vietnamese_accents_and_filters_by_status_and_organization()
    {
        var secretary = await _chain.As("thuky.ttud");
        var id = await secretary.CreateDossierAsync("Nguyễn Văn Thành Đạt");
        var found = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=nguyen van thanh dat"));
        Assert.Contains(found["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        var upper = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=THÀNH ĐẠT&status=Draft&org=ttud-skhcn-qng"));
        Assert.Contains(upper["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        var elsewhere = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=thanh dat&org=hcth-skhcn-qng"));
        Assert.Equal(0, elsewhere["total"]!.GetValue<int>());
        var submitted = await ApiClient.Json(await secretary.Http.GetAsync("/api/dossiers?q=thanh dat&status=InProgress"));
        Assert.Equal(0, submitted["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await secretary.Http.GetAsync("/api/dossiers?status=Lost")).StatusCode);
    }

    [Fact]
    public async Task Search_finds_any_part_of_the_name_or_the_code_and_follows_an_edit()
    {
        var secretary = await _chain.As("thuky.ttud");
        var id = await secretary.CreateDossierAsync("Phùng Thị Ưq Tìm Kiếm Giữa");
        var code = (await secretary.DossierAsync(id))["code"]!.GetValue<string>();
        async Task<bool> Finds(string q) =>
            (await ApiClient.Json(await secretary.Http.GetAsync($"/api/dossiers?pageSize=200&q={Uri.EscapeDataString(q)}")))["items"]!
            .AsArray().Any(i => i!["id"]!.GetValue<Guid>() == id);

        Assert.True(await Finds("ung thi uq tim"));
        Assert.True(await Finds("KIẾM GIỮ"));
        Assert.True(await Finds("ƯQ"), "a term shorter than a trigram is still found");
        Assert.True(await Finds(code[^6..]));
        Assert.True(await Finds(code));
        Assert.False(await Finds("tim kiem cuoi"));
        Assert.False(await Finds("tim giua"), "every trigram of the term is in the name, but not together");

        var edit = new { nomineeKind = "individual", nomineeName = "Phùng Thị Đã Đổi Tên Xq", awardForm = "giay-khen", movement = "ha-tang-qng-skhcn" };
        Assert.Equal(HttpStatusCode.OK, (await secretary.Http.PutAsJsonAsync($"/api/dossiers/{id}", edit)).StatusCode);
        Assert.False(await Finds("tim kiem giua"));
        Assert.True(await Finds("da doi ten xq"));
        Assert.True(await Finds(code[^6..]));
    }

    [Fact]
    public async Task Searches_made_at_the_same_time_each_get_their_own_answer()
    {
        // Searches share a few kept connections (SqliteSearchContexts): two at once must never be given the same one.
        var secretary = await _chain.As("thuky.ttud");
        var names = Enumerable.Range(0, 6).Select(i => $"Đồng Thời Tìm Số {i}q{i}").ToList();
        var ids = new List<Guid>();
        foreach (var name in names)
            ids.Add(await secretary.CreateDossierAsync(name));

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async n =>
        {
            var i = n % names.Count;
            var found = await ApiClient.Json(await secretary.Http.GetAsync($"/api/dossiers?q={Uri.EscapeDataString($"so {i}q{i}")}"));
            return (i, found["items"]!.AsArray().Select(x => x!["id"]!.GetValue<Guid>()).ToList());
        }));
        foreach (var (i, found) in answers)
            Assert.Equal([ids[i]], found);
    }

    [Fact]
    public async Task Someone_with_roles_in_two_units_finds_the_dossiers_of_both_and_no_others()
    {
        var mine = await (await _chain.As("thuky.hcth")).CreateDossierAsync("Song Vị Trí Một Đơn Vị");
        var other = await (await _chain.As("thuky.ttud")).CreateDossierAsync("Song Vị Trí Hai Đơn Vị");
        var stranger = await (await _chain.As("thuky.govap")).CreateDossierAsync("Song Vị Trí Ba Đơn Vị", movement: null);
        await app.DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Username == "thuky.hcth");
            var org = await db.Organizations.SingleAsync(o => o.Code == "ttud-skhcn-qng");
            db.UserRoles.Add(new UserRole { Id = Guid.CreateVersion7(), UserId = user.Id, OrgId = org.Id, Role = Roles.Leader });
            return await db.SaveChangesAsync();
        });

        // The search checks each match against the grants of every organization the person holds a role in.
        var found = await ApiClient.Json(await (await _chain.As("thuky.hcth")).Http.GetAsync("/api/dossiers?q=song vi tri"));
        Assert.Equal(new[] { mine, other }.Order(), found["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).Order());
        var all = await ApiClient.Json(await (await _chain.As("admin")).Http.GetAsync("/api/dossiers?q=song vi tri"));
        Assert.Contains(all["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == stranger);
    }

    [Fact]
    public async Task The_dossier_page_shows_where_it_is_since_when_and_its_history()
    {
        var id = await _chain.SubmitNewAsync("Tạ Văn Theo Dõi", "giay-khen");
        await _chain.UnitAsync(id);
        var dossier = await (await _chain.As("thuky.ttud")).DossierAsync(id);
        Assert.Equal("InProgress", dossier["state"]!.GetValue<string>());
        Assert.Equal("Chờ tiếp nhận tại Sở", dossier["statusLabel"]!.GetValue<string>());
        var step = dossier["currentSteps"]![0]!;
        Assert.Equal("Tiếp nhận hồ sơ tại Sở", step["step"]!.GetValue<string>());
        Assert.Equal("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi", step["organization"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, step["since"]!.GetValue<DateTime>());
        var approval = dossier["history"]!.AsArray().Single(h => h!["kind"]!.GetValue<string>() == "TaskCompleted")!;
        Assert.Equal("Lê Văn Hùng", approval["actor"]!.GetValue<string>());
        Assert.Equal("Approve", approval["outcome"]!.GetValue<string>());
        Assert.Equal("Đồng ý", approval["outcomeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_award_the_movement_does_not_allow_is_refused_on_its_field()
    {
        var secretary = await _chain.As("thuky.ttud");
        var response = await secretary.Http.PostAsJsonAsync("/api/dossiers", new
        {
            nomineeKind = "individual", nomineeName = "Sai Phong Trào", awardForm = "huan-chuong-lao-dong-hang-ba", movement = "skhcn-qng-2024",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.Json(response);
        Assert.Contains("không xét hình thức Huân chương Lao động hạng Ba", problem["errors"]!["awardForm"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_returned_dossier_can_be_edited_and_a_submitted_one_cannot()
    {
        var secretary = await _chain.As("thuky.ttud");
        var id = await _chain.SubmitNewAsync("Lý Văn Sửa Hồ Sơ", "giay-khen");
        var edit = new { nomineeKind = "individual", nomineeName = "Lý Văn Sửa Hồ Sơ (đã sửa)", awardForm = "giay-khen", movement = "ha-tang-qng-skhcn" };
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.Http.PutAsJsonAsync($"/api/dossiers/{id}", edit)).StatusCode);

        await (await _chain.As("lanhdao.ttud")).DoAsync(id, "Lãnh đạo đơn vị xét, ký đề nghị", "Return", "Ghi rõ chức vụ.");
        Assert.Equal(HttpStatusCode.OK, (await secretary.Http.PutAsJsonAsync($"/api/dossiers/{id}", edit)).StatusCode);
        Assert.Equal("Lý Văn Sửa Hồ Sơ (đã sửa)", (await secretary.DossierAsync(id))["nomineeName"]!.GetValue<string>());
    }
}
