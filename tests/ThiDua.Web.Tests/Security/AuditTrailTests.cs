using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Audit;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

/// <summary>The audit trail records every decision, is hash-chained, and the verification command catches tampering.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly ThiDuaAppFactory app = new();

    public void Dispose() => app.Dispose();

    private AuditChain Chain => app.Services.GetRequiredService<AuditChain>();

    [Fact]
    public async Task Decisions_are_recorded_and_a_secret_ballot_stays_secret()
    {
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Kiểm Toán Một", "giay-khen");
        await chain.UnitAsync(id);
        var office = await chain.As("thuky.skhcn");
        await office.DoAsync(id, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(id, "Thẩm định hồ sơ tại Sở", "Approve", "Đủ điều kiện.");
        await chain.CouncilAsync(id, "hd.skhcn", yes: 4, no: 1);
        await Chain.SealAsync(CancellationToken.None);

        var entries = await app.DbAsync(db => db.AuditEntries.Where(a => a.Subject == "dossier:" + id).OrderBy(a => a.Seq).ToListAsync());
        Assert.Contains(entries, e => e.Action == "dossier.create" && e.ActorName == "Trần Thị Mai");
        Assert.Contains(entries, e => e.Action == "workflow.TaskCompleted" && e.ActorName == "Đặng Thu Trang" && e.Detail!.Contains("Đủ điều kiện."));
        var ballots = entries.Where(e => e.Action == "workflow.VoteCast").ToList();
        Assert.Equal(5, ballots.Count);
        Assert.All(ballots, b => Assert.DoesNotContain("Yes", b.Detail!));
        Assert.All(ballots, b => Assert.DoesNotContain("No", b.Detail!));
        Assert.All(entries, e => Assert.NotNull(e.Hash));
        Assert.Contains(await app.DbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync()), a => a == "login.success");
        Assert.True((await Chain.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Changing_or_deleting_a_sealed_entry_is_detected()
    {
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Kiểm Toán Hai", "giay-khen");
        await chain.UnitAsync(id);
        // Later entries, so the one we tamper with is inside the chain, not at its end.
        await chain.SubmitNewAsync("Kiểm Toán Hai Sau", "giay-khen");
        await Chain.SealAsync(CancellationToken.None);
        Assert.True((await Chain.VerifyAsync(CancellationToken.None)).Intact);

        var target = await app.DbAsync(db => db.AuditEntries.Where(a => a.Action == "workflow.TaskCompleted" && a.Subject == "dossier:" + id).SingleAsync());
        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Detail\" = 'Không đồng ý' WHERE \"Seq\" = {0}", target.Seq!));
        var tampered = await Chain.VerifyAsync(CancellationToken.None);
        Assert.False(tampered.Intact);
        Assert.Equal(target.Seq, tampered.BrokenAtSeq);
        Assert.Contains("đã bị sửa sau khi niêm phong", tampered.Message);

        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Detail\" = {0} WHERE \"Seq\" = {1}", target.Detail!, target.Seq!));
        Assert.True((await Chain.VerifyAsync(CancellationToken.None)).Intact);
        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Seq\" = {0}", target.Seq!));
        var deleted = await Chain.VerifyAsync(CancellationToken.None);
        Assert.False(deleted.Intact);
        Assert.Equal(target.Seq, deleted.BrokenAtSeq);
        Assert.Contains("Mất mục nhật ký", deleted.Message);
    }

    [Fact]
    public async Task The_verify_audit_command_reports_tampering_with_its_exit_code()
    {
        var chain = new Chain(app);
        await chain.SubmitNewAsync("Kiểm Toán Ba", "giay-khen");
        await Chain.SealAsync(CancellationToken.None);
        var (intactCode, intactOutput) = await RunCommandAsync();
        Assert.Equal(0, intactCode);
        Assert.Contains("nguyên vẹn", intactOutput);

        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"ActorName\" = 'Người khác' WHERE \"Seq\" = 3"));
        var (code, output) = await RunCommandAsync();
        Assert.Equal(2, code);
        Assert.Contains("Mục số 3", output);
    }

    [Fact]
    public async Task Sealing_waits_its_turn_behind_an_approval_being_saved_and_then_seals()
    {
        await new Chain(app).SubmitNewAsync("Kiểm Toán Bốn", "giay-khen");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDua.Infrastructure.Persistence.ThiDuaDbContext>();
        Task<int> sealing;
        using (await ThiDua.Infrastructure.Persistence.SqliteWriteGate.EnterAsync(db, CancellationToken.None))
        {
            sealing = Chain.SealAsync(CancellationToken.None);
            // Holding SQLite's write lock meanwhile would have had the approval retry in SQLite's busy handler.
            await Task.Delay(300);
            Assert.False(sealing.IsCompleted);
        }
        Assert.True(await sealing > 0);
        Assert.Equal(0, await app.DbAsync(d => d.AuditEntries.CountAsync(a => a.Seq == null)));
    }

    [Fact]
    public async Task More_entries_than_one_batch_are_sealed_into_one_intact_chain()
    {
        var now = DateTime.UtcNow;
        await app.DbAsync(async db =>
        {
            for (var i = 0; i < AuditChain.BatchSize * 2 + 7; i++)
                db.AuditEntries.Add(new AuditEntry { Id = Guid.CreateVersion7(), At = now.AddMilliseconds(i), Action = "test.batch", Detail = "mục " + i });
            return await db.SaveChangesAsync();
        });

        Assert.True(await Chain.SealAsync(CancellationToken.None) >= AuditChain.BatchSize * 2 + 7);

        Assert.Equal(0, await app.DbAsync(db => db.AuditEntries.CountAsync(a => a.Seq == null)));
        var verified = await Chain.VerifyAsync(CancellationToken.None);
        Assert.True(verified.Intact, verified.Message);
    }

    private async Task<(int Code, string Output)> RunCommandAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ThiDua.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "verify-audit"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = app.Folder,
        };
        start.Environment["Database__ConnectionString"] = $"Data Source={app.DatabasePath}";
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["Email__Dispatcher__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
