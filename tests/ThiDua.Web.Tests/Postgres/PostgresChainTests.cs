using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Postgres;

/// <summary>The scale-out mode: the whole chain on PostgreSQL, and two application nodes sharing one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresChainTests(PostgresServer server)
{
    [Fact]
    public async Task The_whole_bang_khen_tinh_chain_runs_on_postgres_with_a_return_search_and_a_failed_vote()
    {
        using var app = new PostgresAppFactory(await server.CreateDatabaseAsync("chain"));
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Nguyễn Thị Bưu Điện", "bang-khen-tinh");
        await chain.UnitAsync(id);
        await chain.DepartmentAsync(id);
        var snv = await chain.As("chuyenvien.snv");
        await snv.DoAsync(id, "Sở Nội vụ tiếp nhận hồ sơ", "Return", "Thiếu xác nhận của cơ quan thuế.");
        Assert.Equal(HttpStatusCode.OK, (await (await chain.As("thuky.ttud")).SubmitAsync(id, "Đã bổ sung.")).StatusCode);
        await chain.ProvinceAsync(id);
        var dossier = await (await chain.As("thuky.ttud")).DossierAsync(id);
        Assert.Equal("Approved", dossier["state"]!.GetValue<string>());

        var found = await ApiClient.Json(await (await chain.As("thuky.ttud")).Http.GetAsync("/api/dossiers?q=nguyen thi buu dien"));
        Assert.Equal(1, found["total"]!.GetValue<int>());

        var failing = await chain.SubmitNewAsync("Trần Văn Không Qua", "giay-khen");
        await chain.UnitAsync(failing);
        var office = await chain.As("thuky.skhcn");
        await office.DoAsync(failing, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(failing, "Thẩm định hồ sơ tại Sở", "Approve");
        await chain.CouncilAsync(failing, "hd.skhcn", yes: 2, no: 3);
        Assert.Equal("Rejected", (await (await chain.As("thuky.ttud")).DossierAsync(failing))["state"]!.GetValue<string>());

        // The overview counts from the grants' copies and the inbox page pages in the database, here PostgreSQL's.
        var overview = await office.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Matches("href=\"/theo-doi\\?Status=Rejected\"><span[^>]*>[^<]*</span></a></td><td class=\"right\">[1-9]", await overview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await office.Http.GetAsync("/hop-viec?p=2")).StatusCode);
        // The timer poll's query (timers waiting to be retried are left out by one array parameter) runs here too.
        Assert.Equal(0, (await app.PollTimersAsync()).Failed);
    }

    [Fact]
    public async Task Two_nodes_share_sign_in_and_take_turns_completing_the_same_dossiers()
    {
        var cs = await server.CreateDatabaseAsync("two_nodes");
        using var nodeA = new PostgresAppFactory(cs);
        _ = nodeA.Services; // A migrates and seeds first
        using var nodeB = new PostgresAppFactory(cs, seedDemo: false);

        // Signed in on A, the same cookie works on B: keys are in the shared database.
        var onA = nodeA.CreateClient();
        var login = await onA.PostAsJsonAsync("/api/auth/login", new { username = "lanhdao.ttud", password = "ThiDua@2026" });
        var cookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("thidua.auth=", StringComparison.Ordinal)).Split(';')[0];
        var onB = nodeB.CreateClient();
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/me")).StatusCode);

        var chainA = new Chain(nodeA);
        var chainB = new Chain(nodeB);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add(await (i % 2 == 0 ? chainA : chainB).SubmitNewAsync($"Hồ Sơ Hai Nút {i}", "giay-khen"));
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var (first, second) = i % 2 == 0 ? (chainA, chainB) : (chainB, chainA);
            await first.UnitAsync(id);
            var office = await second.As("thuky.skhcn");
            await office.DoAsync(id, "Tiếp nhận hồ sơ tại Sở", "Accept");
            await (await first.As("thuky.skhcn")).DoAsync(id, "Thẩm định hồ sơ tại Sở", "Approve");
            for (var m = 1; m <= 5; m++)
            {
                var member = await (m % 2 == 0 ? chainA : chainB).As($"hd.skhcn.{m}");
                Assert.Equal(HttpStatusCode.OK, (await member.VoteAsync((await member.TaskForAsync(id))["id"]!.GetValue<Guid>(), true)).StatusCode);
            }
            await (await second.As("lanhdao.skhcn")).DoAsync(id, "Giám đốc Sở quyết định / trình cấp trên", "Approve");
        }
        foreach (var id in ids)
            Assert.Equal("Approved", (await (await chainB.As("thuky.ttud")).DossierAsync(id))["state"]!.GetValue<string>());
        var journal = await nodeA.DbAsync(db => db.Journal.Where(j => ids.Contains(j.DossierId) && j.Kind == "TaskCompleted").CountAsync());
        Assert.Equal(4 * 4, journal);
    }

    [Fact]
    public async Task A_period_end_job_cut_short_on_one_node_is_finished_once_by_the_other()
    {
        var cs = await server.CreateDatabaseAsync("period_end");
        var nodeA = new PostgresAppFactory(cs);
        _ = nodeA.Services;
        using var nodeB = new PostgresAppFactory(cs, seedDemo: false);
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(7));
        nodeA.Clock.SetUtcNow(start);
        nodeB.Clock.SetUtcNow(start);
        var movement = await nodeA.AsAsync("admin", async (sp, admin) =>
        {
            var db = sp.GetRequiredService<Infrastructure.Persistence.ThiDuaDbContext>();
            var orgs = await db.Organizations.ToDictionaryAsync(o => o.Code, o => o.Id);
            return await sp.GetRequiredService<MovementService>().SaveAsync(admin, null, new MovementInput("hai-nut", "Phong trào hai nút", null, null, null, orgs["skhcn-qng"],
                ["giay-khen"], [orgs["ttud-skhcn-qng"], orgs["hcth-skhcn-qng"]], null, null, 7, true, true,
                [new PhaseInput(null, "Năm 2026", 2026, 2026, ReviewKinds.SoKet, new DateOnly(2026, 12, 21), 30, 10, 5)]), CancellationToken.None);
        });

        // Node A opens the rounds, then dies before the later steps.
        nodeA.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));
        Assert.Contains("đã mở 2 đợt", await nodeA.RunAsync(sp => sp.GetRequiredService<PeriodEndRunner>().RunDueAsync(movement.Id, CancellationToken.None)));
        nodeA.Dispose();

        // Node B comes back after the deadline and the compile day; it runs each missing step once, even when fired twice at once.
        nodeB.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.FromHours(7)));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => nodeB.RunAsync(sp => sp.GetRequiredService<PeriodEndRunner>().RunDueAsync(movement.Id, CancellationToken.None))));
        var mails = await nodeB.DbAsync(async db => (await db.Outbox.Where(m => m.Template.StartsWith("round-")).Select(m => m.Template + " → " + m.ToAddress).ToListAsync()).Order().ToList());
        Assert.Equal(
            ["round-compiled → thuky.skhcn@thidua.local", "round-opened → thuky.hcth@thidua.local", "round-opened → thuky.ttud@thidua.local",
             "round-reminder → thuky.hcth@thidua.local", "round-reminder → thuky.ttud@thidua.local"], mails);
        Assert.Equal(2, await nodeB.DbAsync(db => db.Rounds.CountAsync(r => r.MovementId == movement.Id && r.Status == RoundStatus.Closed)));
    }
}
