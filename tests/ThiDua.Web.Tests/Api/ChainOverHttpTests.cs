using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Api;

/// <summary>Every nomination chain pushed end to end through the HTTP API with the demo accounts, on a real SQLite file.</summary>
public sealed class ChainOverHttpTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private readonly Chain _chain = new(app);

    private async Task AssertApprovedAsync(Guid id, string label)
    {
        var dossier = await (await _chain.As("thuky.ttud")).DossierAsync(id);
        Assert.Equal("Approved", dossier["state"]!.GetValue<string>());
        Assert.Equal(label, dossier["statusLabel"]!.GetValue<string>());
        Assert.Empty(dossier["currentSteps"]!.AsArray());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        var mails = await db.Outbox.Where(m => m.DossierId == id && m.Template == "decision-issued").Select(m => m.ToAddress).ToListAsync();
        Assert.Equal(["lanhdao.ttud@thidua.local", "thuky.ttud@thidua.local"], mails.Order().ToArray());
    }

    [Fact]
    public async Task Giay_khen_unit_then_department_decides()
    {
        var id = await _chain.SubmitNewAsync("Nguyễn Thị Giấy Khen", "giay-khen");
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        await AssertApprovedAsync(id, "Đã khen thưởng – Giấy khen của Giám đốc Sở");
    }

    [Fact]
    public async Task Bang_khen_tinh_unit_department_province()
    {
        var id = await _chain.SubmitNewAsync("Trần Văn Bằng Khen Tỉnh", "bang-khen-tinh");
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        var atProvince = await (await _chain.As("chuyenvien.snv")).DossierAsync(id);
        Assert.Equal("Tỉnh", atProvince["level"]!.GetValue<string>());
        Assert.Equal("Sở Nội vụ tỉnh Quảng Ngãi", atProvince["currentSteps"]![0]!["organization"]!.GetValue<string>());
        await _chain.ProvinceAsync(id);
        await AssertApprovedAsync(id, "Đã khen thưởng – Bằng khen của Chủ tịch UBND tỉnh");
    }

    [Fact]
    public async Task Bang_khen_thu_tuong_goes_up_to_the_central_board()
    {
        var id = await _chain.SubmitNewAsync("Lê Thị Thủ Tướng", "bang-khen-thu-tuong");
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        await _chain.ProvinceAsync(id);
        await _chain.CentralAsync(id);
        await AssertApprovedAsync(id, "Đã khen thưởng – Bằng khen của Thủ tướng Chính phủ");
    }

    [Fact]
    public async Task Huan_chuong_waits_out_the_public_notice_then_goes_to_the_central_board()
    {
        var id = await _chain.SubmitNewAsync("Phạm Văn Huân Chương", "huan-chuong-lao-dong-hang-ba");
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        var secretary = await _chain.As("thuky.ttud");
        var notice = await secretary.DossierAsync(id);
        Assert.StartsWith("Đang công khai danh sách", notice["statusLabel"]!.GetValue<string>());
        var resumeAt = notice["currentSteps"]![0]!["dueAt"]!.GetValue<DateTime>();

        Assert.Equal(0, await app.FireDueTimersAsync());
        app.Clock.SetUtcNow(resumeAt.AddMinutes(1));
        Assert.Equal(1, await app.FireDueTimersAsync());
        Assert.Equal(0, await app.FireDueTimersAsync());
        _chain.SignOutEveryone();

        await _chain.ProvinceAsync(id);
        await _chain.CentralAsync(id);
        await AssertApprovedAsync(id, "Đã khen thưởng – Huân chương Lao động hạng Ba");
    }

    [Fact]
    public async Task A_return_is_resubmitted_by_the_secretary_and_continues_at_the_level_that_returned_it()
    {
        var id = await _chain.SubmitNewAsync("Võ Văn Trả Lại", "bang-khen-tinh");
        await _chain.UnitAsync(id);
        await _chain.DepartmentAsync(id);
        var snv = await _chain.As("chuyenvien.snv");
        await snv.DoAsync(id, "Sở Nội vụ tiếp nhận hồ sơ", "Accept");
        await snv.DoAsync(id, "Sở Nội vụ thẩm định", "Return", "Bổ sung xác nhận của cơ quan thuế.");

        var secretary = await _chain.As("thuky.ttud");
        var returned = await secretary.DossierAsync(id);
        Assert.Equal("Returned", returned["state"]!.GetValue<string>());
        Assert.Equal("Bổ sung xác nhận của cơ quan thuế.", returned["lastReturnReason"]!.GetValue<string>());
        Assert.True(returned["canSubmit"]!.GetValue<bool>());
        Assert.DoesNotContain(await snv.TasksAsync(), t => t!["dossierId"]!.GetValue<Guid>() == id);

        var resubmit = await secretary.SubmitAsync(id, "Đã bổ sung xác nhận.");
        Assert.Equal(HttpStatusCode.OK, resubmit.StatusCode);
        // Back at Sở Nội vụ's first step, not at the unit or the Sở.
        await snv.DoAsync(id, "Sở Nội vụ tiếp nhận hồ sơ", "Accept");
        var history = (await secretary.DossierAsync(id))["history"]!.AsArray();
        Assert.Contains(history, h => h!["outcome"]?.GetValue<string>() == "Resubmit" && h["comment"]?.GetValue<string>() == "Đã bổ sung xác nhận.");
    }

    [Fact]
    public async Task A_failed_council_vote_ends_the_dossier_without_an_award_and_shows_the_tally()
    {
        var id = await _chain.SubmitNewAsync("Đỗ Thị Không Đạt", "giay-khen");
        await _chain.UnitAsync(id);
        var office = await _chain.As("thuky.skhcn");
        await office.DoAsync(id, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(id, "Thẩm định hồ sơ tại Sở", "Approve");
        await _chain.CouncilAsync(id, "hd.skhcn", yes: 3, no: 2);

        var dossier = await (await _chain.As("thuky.ttud")).DossierAsync(id);
        Assert.Equal("Rejected", dossier["state"]!.GetValue<string>());
        Assert.Equal("Không được Hội đồng thông qua", dossier["statusLabel"]!.GetValue<string>());
        var closed = dossier["history"]!.AsArray().Single(h => h!["kind"]!.GetValue<string>() == "VoteClosed")!;
        Assert.Equal("Failed", closed["outcome"]!.GetValue<string>());
        Assert.Contains("\"yes\":3", closed["data"]!.GetValue<string>());
        // Secret ballot: the timeline says who voted, never how.
        Assert.All(dossier["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() == "VoteCast"), h => Assert.Null(h!["outcome"]));
        Assert.DoesNotContain(await (await _chain.As("lanhdao.skhcn")).TasksAsync(), t => t!["dossierId"]!.GetValue<Guid>() == id);
    }
}
