using ThiDua.Infrastructure.Email;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>The embedded default: emails become .eml files that a mail client, or a person with a text editor, can read.</summary>
public sealed class PickupDeliveryTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thidua-pickup-").FullName;

    [Fact]
    public async Task The_pickup_sender_writes_one_readable_eml_with_the_Vietnamese_subject()
    {
        var sender = new PickupDirectoryEmailSender(new EmailOptions { PickupFolder = _folder }.Resolve(_folder));
        const string subject = "[TĐKT] Hồ sơ HS-2026-000007 đã có quyết định khen thưởng – Nguyễn Thị Ánh Tuyết";
        const string body = "Kính gửi: Đồng chí Trần Thị Mai\n\nCấp có thẩm quyền đã quyết định khen thưởng đối với hồ sơ dưới đây.\n  - Hình thức khen thưởng: Giấy khen của Giám đốc Sở\n";

        await sender.SendAsync(new EmailMessage("thuky.ttud@thidua.local", "Trần Thị Mai", subject, body) { MessageId = "<hs-7@thidua.local>" }, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var mail = Assert.Single(SmtpSink.Parse([file]));
        Assert.Equal(subject, mail.Subject);
        // System.Net.Mail ends an 8-bit body with one more CRLF; trailing blank lines are invisible to the reader.
        Assert.Equal(body, mail.Text.TrimEnd('\n') + "\n");
        Assert.Equal(["thuky.ttud@thidua.local"], mail.To);
        Assert.Equal(["Trần Thị Mai"], mail.ToNames);
        Assert.Equal("<hs-7@thidua.local>", mail.MessageId);
        Assert.Equal(("text/plain", "utf-8"), (mail.ContentType, mail.Charset));
        Assert.Empty(mail.Defects);
        // Readable as it is: the subject is an RFC 2047 encoded word, the body plain UTF-8 text.
        var raw = await File.ReadAllTextAsync(file);
        Assert.Contains("Subject: =?utf-8?", raw);
        Assert.Contains("Kính gửi: Đồng chí Trần Thị Mai\r\n", raw);
        Assert.Contains("\r\nDate: ", raw);
    }

    [Fact]
    public async Task Out_of_the_box_the_application_writes_each_pending_email_to_its_mail_folder()
    {
        // The demo data put task and decision emails in the outbox on first start.
        var pending = (await app.OutboxOf(OutboxStatus.Pending)).ToList();
        Assert.NotEmpty(pending);

        var result = await app.DispatchEmailsAsync();

        Assert.Equal((pending.Count, 0, 0), (result.Sent, result.Retrying, result.Failed));
        var sent = (await app.OutboxOf(OutboxStatus.Sent)).ToDictionary(m => m.Id.ToString());
        var files = SmtpSink.Parse(Directory.GetFiles(app.MailFolder, "*.eml"));
        Assert.Equal(pending.Select(m => m.Id.ToString()).Order(), files.Select(f => f.OutboxId).Order());
        Assert.All(files, f =>
        {
            var row = sent[f.OutboxId!];
            Assert.Equal(row.Subject, f.Subject);
            Assert.Equal([row.ToAddress], f.To);
            Assert.StartsWith($"Kính gửi: Đồng chí {row.ToName}\n", f.Text);
            Assert.Contains($"http://localhost:5187/ho-so/{row.DossierId}", f.Text);
            Assert.Empty(f.Defects);
        });
        Assert.Contains(files, f => f.Subject!.StartsWith("[TĐKT] Hồ sơ ") && f.Subject.Contains(" chờ Hội đồng biểu quyết – "));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
