using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>A dossier pushed through its chain over HTTP; the emails it causes go through a real SMTP server.</summary>
public sealed class SmtpDeliveryTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    private const string Nominee = "Nguyễn Thị Thư Điện Tử";

    [Fact]
    public async Task A_giay_khen_dossier_mails_each_person_at_each_gate_once_with_a_readable_Vietnamese_subject()
    {
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync(Nominee, "giay-khen");
        var leaderTask = await (await chain.As("lanhdao.ttud")).TaskForAsync(id);
        var code = leaderTask["dossierCode"]!.GetValue<string>();
        var leaderDue = VietnamTime.ToLocalDate(leaderTask["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
        await chain.UnitAsync(id);
        await chain.DepartmentAsync(id);

        var result = await app.DispatchEmailsAsync();

        var outbox = await app.OutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal((outbox.Count, 0, 0), (result.Sent, result.Retrying, result.Failed));
        var received = app.Sink.Messages();
        Assert.Equal(outbox.Select(m => m.Id.ToString()).Order(), received.Select(r => r.OutboxId).Order());

        // Who got what for this dossier: one email per person per gate.
        var mine = outbox.Where(m => m.DossierId == id).ToList();
        string[] council = [.. Enumerable.Range(1, 5).Select(i => $"hd.skhcn.{i}@thidua.local vote-opened")];
        string[] expected =
        [
            "lanhdao.ttud@thidua.local task-assigned",
            "thuky.ttud@thidua.local level-approved",
            "thuky.skhcn@thidua.local task-assigned",
            "thuky.skhcn@thidua.local task-assigned",
            .. council,
            "lanhdao.skhcn@thidua.local task-assigned",
            "thuky.ttud@thidua.local level-approved",
            "thuky.ttud@thidua.local decision-issued",
            "lanhdao.ttud@thidua.local decision-issued",
        ];
        Assert.Equal(expected.Order(), mine.Select(m => $"{m.ToAddress} {m.Template}").Order());

        var byOutboxId = received.ToDictionary(r => r.OutboxId!);
        foreach (var row in mine)
        {
            var mail = byOutboxId[row.Id.ToString()];
            Assert.Equal([row.ToAddress], mail.EnvelopeTo);
            Assert.Equal([row.ToAddress], mail.To);
            Assert.Equal([row.ToName!], mail.ToNames);
            Assert.Equal(row.Subject, mail.Subject);
            Assert.StartsWith($"[TĐKT] Hồ sơ {code} ", mail.Subject);
            Assert.Equal(("text/plain", "utf-8", "quoted-printable"), (mail.ContentType, mail.Charset, mail.TransferEncoding));
            Assert.Equal($"<{row.Id}@thidua.local>", mail.MessageId);
            Assert.Contains($"\nhttp://localhost:5187/ho-so/{id}\n", mail.Text);
            Assert.Empty(mail.Defects);
        }

        var toLeader = byOutboxId[mine.Single(m => m.ToAddress == "lanhdao.ttud@thidua.local" && m.Template == "task-assigned").Id.ToString()];
        Assert.Equal($"[TĐKT] Hồ sơ {code} chờ đồng chí xử lý: Lãnh đạo đơn vị xét, ký đề nghị", toLeader.Subject);
        Assert.StartsWith("Kính gửi: Đồng chí Lê Văn Hùng\n", toLeader.Text);
        Assert.Contains($"  - Đối tượng đề nghị: {Nominee}\n", toLeader.Text);
        Assert.Contains($"  - Hạn xử lý: {leaderDue:dd/MM/yyyy}\n", toLeader.Text);

        var toSecretary = byOutboxId[mine.Single(m => m.ToAddress == "thuky.ttud@thidua.local" && m.Template == "decision-issued").Id.ToString()];
        Assert.Equal($"[TĐKT] Hồ sơ {code} đã có quyết định khen thưởng – {Nominee}", toSecretary.Subject);
        Assert.StartsWith("Kính gửi: Đồng chí Trần Thị Mai\n", toSecretary.Text);
        Assert.Contains("  - Hình thức khen thưởng: Giấy khen của Giám đốc Sở\n", toSecretary.Text);

        // Sent means sent: the next round finds nothing to do.
        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        Assert.Equal(received.Count, app.Sink.Messages().Count);
    }
}
