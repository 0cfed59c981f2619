using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Excel;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Scheduling;

/// <summary>Travels through a whole phase with the test clock: open the rounds, remind, close, compile — and checks the exact emails.</summary>
public sealed class PeriodEndTests : IDisposable
{
    // Each test travels its own timeline, and a test clock cannot go back: one application per test.
    private readonly ThiDuaAppFactory app = new();

    public void Dispose() => app.Dispose();

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private void SetLocal(int year, int month, int day, int hour) => app.Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, 0, 0, Vietnam));

    private Task<Movement> CreateMovementAsync(string code, DateOnly review, string? semiAnnual = null) =>
        app.AsAsync("admin", async (sp, admin) =>
        {
            var db = sp.GetRequiredService<Infrastructure.Persistence.ThiDuaDbContext>();
            var orgs = await db.Organizations.ToDictionaryAsync(o => o.Code, o => o.Id);
            return await sp.GetRequiredService<MovementService>().SaveAsync(admin, null, new MovementInput(
                code, "Phong trào thử nghiệm " + code, "01/KH-SKHCN", new DateOnly(2026, 1, 5), null, orgs["skhcn-qng"],
                ["giay-khen"], [orgs["ttud-skhcn-qng"], orgs["hcth-skhcn-qng"]], semiAnnual, null, 7, true, true,
                [new PhaseInput(null, "Năm 2026", 2026, 2026, ReviewKinds.SoKet, review, 30, 10, 5)]), CancellationToken.None);
        });

    private Task<string?> RunAsync(Guid movementId) => app.RunAsync(sp => sp.GetRequiredService<PeriodEndRunner>().RunDueAsync(movementId, CancellationToken.None));

    /// <summary>The emails queued since <paramref name="since"/>, as "template → address", sorted.</summary>
    private Task<List<string>> MailsSinceAsync(DateTime since, params string[] templates) => app.DbAsync(async db =>
        (await db.Outbox.Where(m => m.CreatedAt > since && templates.Contains(m.Template)).Select(m => m.Template + " → " + m.ToAddress).ToListAsync()).Order().ToList());

    private async Task<Guid> SubmitAsync(string secretary, string movement, string name)
    {
        using var client = await app.LoginAsync(secretary);
        var response = await client.Http.PostAsync("/api/dossiers", System.Net.Http.Json.JsonContent.Create(new { nomineeKind = "individual", nomineeName = name, awardForm = "giay-khen", movement }));
        var id = (await ApiClient.Json(response))["id"]!.GetValue<Guid>();
        var submit = await client.SubmitAsync(id);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task A_phase_opens_reminds_closes_and_compiles_with_exactly_the_expected_emails()
    {
        SetLocal(2026, 11, 2, 9);
        var movement = await CreateMovementAsync("thu-nghiem-mot-giai-doan", new DateOnly(2026, 12, 21));
        var start = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        Assert.Null(await RunAsync(movement.Id));

        // Review on Monday 21/12: the round opens 30 days before (Saturday 21/11 → Monday 23/11, 08:00).
        SetLocal(2026, 11, 23, 7);
        Assert.Null(await RunAsync(movement.Id));
        SetLocal(2026, 11, 23, 9);
        Assert.Contains("đã mở 2 đợt", await RunAsync(movement.Id));
        Assert.Equal(["round-opened → thuky.hcth@thidua.local", "round-opened → thuky.ttud@thidua.local"], await MailsSinceAsync(start, "round-opened", "round-reminder", "round-compiled"));

        var submitted = await SubmitAsync("thuky.ttud", "thu-nghiem-mot-giai-doan", "Trần Đúng Hạn");

        // Reminder 5 days before the deadline of 11/12 (Sunday 6/12 → Monday 7/12): only the unit that has not submitted.
        SetLocal(2026, 12, 7, 9);
        var beforeReminder = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        Assert.Contains("đã nhắc 1", await RunAsync(movement.Id));
        Assert.Equal(["round-reminder → thuky.hcth@thidua.local"], await MailsSinceAsync(beforeReminder, "round-opened", "round-reminder", "round-compiled"));
        Assert.Null(await RunAsync(movement.Id));
        Assert.Single(await MailsSinceAsync(beforeReminder, "round-opened", "round-reminder", "round-compiled"));

        // After 17:00 on 11/12 the round is closed: a late submission is refused, the dossier stays a draft.
        SetLocal(2026, 12, 11, 18);
        Assert.Contains("đã đóng 2 đợt", await RunAsync(movement.Id));
        using (var late = await app.LoginAsync("thuky.hcth"))
        {
            var response = await late.Http.PostAsync("/api/dossiers", System.Net.Http.Json.JsonContent.Create(new { nomineeKind = "individual", nomineeName = "Nguyễn Nộp Muộn", awardForm = "giay-khen", movement = "thu-nghiem-mot-giai-doan" }));
            var id = (await ApiClient.Json(response))["id"]!.GetValue<Guid>();
            var refused = await late.SubmitAsync(id);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("đã đóng lúc 17:00 ngày 11/12/2026", (await ApiClient.Json(refused))["detail"]!.GetValue<string>());
            Assert.Equal("Draft", (await late.DossierAsync(id))["state"]!.GetValue<string>());
        }

        // Compiled on the next working day (Saturday 12/12 → Monday 14/12) for the standing office of the Sở.
        SetLocal(2026, 12, 14, 9);
        var beforeCompile = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        Assert.Contains("đã tổng hợp 1 hồ sơ", await RunAsync(movement.Id));
        Assert.Equal(["round-compiled → thuky.skhcn@thidua.local"], await MailsSinceAsync(beforeCompile, "round-opened", "round-reminder", "round-compiled"));
        var compilation = await app.DbAsync(db => db.Compilations.SingleAsync(c => db.MovementPhases.Any(p => p.Id == c.PhaseId && p.MovementId == movement.Id)));
        var rows = XlsxReader.ReadFirstSheet(new MemoryStream(compilation.Xlsx));
        var code = await app.DbAsync(db => db.Dossiers.Where(d => d.Id == submitted).Select(d => d.Code).SingleAsync());
        Assert.Equal(code, Assert.Single(rows.Skip(1))[0]);
        Assert.Null(await RunAsync(movement.Id));
    }

    [Fact]
    public async Task Steps_missed_while_the_server_was_down_are_caught_up_once_and_earlier_ones_are_not_replayed()
    {
        SetLocal(2026, 11, 2, 9);
        var movement = await CreateMovementAsync("thu-nghiem-may-chu-tat", new DateOnly(2026, 12, 28), semiAnnual: "12-15");
        var start = app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);

        // The server is off from early November until January: every step of the phase was missed.
        SetLocal(2027, 1, 4, 9);
        var summary = await RunAsync(movement.Id);
        Assert.NotNull(summary);
        Assert.Equal(
            ["report-reminder → thuky.hcth@thidua.local", "report-reminder → thuky.ttud@thidua.local", "round-compiled → thuky.skhcn@thidua.local",
             "round-opened → thuky.hcth@thidua.local", "round-opened → thuky.ttud@thidua.local", "round-reminder → thuky.hcth@thidua.local", "round-reminder → thuky.ttud@thidua.local"],
            await MailsSinceAsync(start, "round-opened", "round-reminder", "round-compiled", "report-reminder"));
        Assert.Null(await RunAsync(movement.Id));
        Assert.Equal(7, (await MailsSinceAsync(start, "round-opened", "round-reminder", "round-compiled", "report-reminder")).Count);
        var phase = await app.DbAsync(db => db.MovementPhases.Where(p => p.MovementId == movement.Id).Select(p => p.Id).SingleAsync());
        string[] expected = [$"open:{phase}", $"remind:{phase}", $"close:{phase}", $"compile:{phase}", $"report:{movement.Id}:2026-12-15"];
        Assert.Equal(expected.Order(), (await app.DbAsync(db => db.ScheduledSteps.Where(s => expected.Contains(s.Key)).Select(s => s.Key).ToListAsync())).Order());
    }

    [Fact]
    public async Task An_overdue_task_is_escalated_once_to_the_next_leader_up()
    {
        SetLocal(2026, 11, 2, 9);
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Lê Quá Hạn", "giay-khen");
        // The unit leader's step is due in 5 working days (Monday 9/11, 17:00).
        Task<List<string>> EscalationsAsync() => app.DbAsync(async db =>
            await db.Outbox.Where(m => m.DossierId == id && m.Template == "escalation").Select(m => m.ToAddress).ToListAsync());
        SetLocal(2026, 11, 9, 16);
        await app.RunAsync(sp => sp.GetRequiredService<EscalationRunner>().RunAsync(CancellationToken.None));
        Assert.Empty(await EscalationsAsync());
        SetLocal(2026, 11, 10, 9);
        Assert.NotNull(await app.RunAsync(sp => sp.GetRequiredService<EscalationRunner>().RunAsync(CancellationToken.None)));
        Assert.Equal(["lanhdao.skhcn@thidua.local"], await EscalationsAsync());
        await app.RunAsync(sp => sp.GetRequiredService<EscalationRunner>().RunAsync(CancellationToken.None));
        Assert.Single(await EscalationsAsync());
        var journal = await app.DbAsync(db => db.Journal.Where(j => j.DossierId == id && j.Kind == JournalKinds.Escalated).ToListAsync());
        Assert.Contains("Huỳnh Văn Phúc", Assert.Single(journal).Comment);
        chain.SignOutEveryone();
    }

    [Fact]
    public async Task The_board_lists_a_dossier_as_overdue_while_its_open_task_is_late_and_not_once_it_is_done()
    {
        SetLocal(2026, 11, 2, 9);
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Phạm Văn Trễ Hạn", "giay-khen");
        async Task<bool> Listed(bool overdue) =>
            (await ApiClient.Json(await (await chain.As("thuky.ttud")).Http.GetAsync($"/api/dossiers?pageSize=200&overdue={overdue}")))["items"]!
            .AsArray().Any(i => i!["id"]!.GetValue<Guid>() == id);
        Task<bool> Consistent() => app.DbAsync(async db =>
            await db.Dossiers.Where(d => d.Id == id).Select(d => d.EarliestDueAt).SingleAsync()
            == await db.Bookmarks.Where(b => b.DossierId == id && b.Status == BookmarkStatus.Open).MinAsync(b => b.DueAt));

        Assert.False(await Listed(overdue: true));
        Assert.True(await Listed(overdue: false));
        Assert.True(await Consistent());
        // The unit leader's step was due on Monday 9/11, 17:00.
        SetLocal(2026, 11, 10, 9);
        chain.SignOutEveryone();
        Assert.True(await Listed(overdue: true));
        Assert.False(await Listed(overdue: false));
        await chain.UnitAsync(id);
        Assert.True(await Consistent());
        Assert.False(await Listed(overdue: true));
        Assert.True(await Listed(overdue: false));
        chain.SignOutEveryone();
    }

    [Fact]
    public async Task Invalid_phase_offsets_are_refused_on_their_field_and_nothing_is_saved()
    {
        var ex = await Assert.ThrowsAsync<AppException>(() => app.AsAsync("admin", async (sp, admin) =>
        {
            var owner = await sp.GetRequiredService<Infrastructure.Persistence.ThiDuaDbContext>().Organizations.Where(o => o.Code == "skhcn-qng").Select(o => o.Id).SingleAsync();
            return await sp.GetRequiredService<MovementService>().SaveAsync(admin, null, new MovementInput("sai-lich", "Sai lịch", null, null, null, owner, ["giay-khen"], [], "13-40", null, 7, true, true,
                [new PhaseInput(null, "Giai đoạn", 2026, 2026, ReviewKinds.SoKet, new DateOnly(2026, 12, 1), 5, 10, 5)]), CancellationToken.None);
        }));
        Assert.Contains("phases[0].offsets", ex.FieldErrors!.Keys);
        Assert.Contains("semiAnnualReportDue", ex.FieldErrors!.Keys);
        Assert.False(await app.DbAsync(db => db.Movements.AnyAsync(m => m.Code == "sai-lich")));
    }
}
