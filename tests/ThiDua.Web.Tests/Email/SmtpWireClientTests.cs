using System.Net.Mail;
using ThiDua.Infrastructure.Email;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Email;

/// <summary>The application's own SMTP client against a real SMTP server (aiosmtpd), read back with Python's mail parser.</summary>
public sealed class SmtpWireClientTests : IDisposable
{
    private readonly SmtpSink _sink = SmtpSink.StartNew();
    private readonly SmtpWireEmailSender _sender;

    public SmtpWireClientTests() =>
        _sender = new SmtpWireEmailSender(new EmailOptions { Mode = "Smtp", Smtp = { Host = "127.0.0.1", Port = _sink.Port } }.Resolve(AppContext.BaseDirectory), TimeProvider.System);

    private static EmailMessage Message(string to, string subject = "[TĐKT] Thư thử", string body = "Kính gửi: Đồng chí Nguyễn Văn Thử\n", string? id = null) =>
        new(to, "Nguyễn Văn Thử", subject, body)
        {
            MessageId = $"<{id ?? Guid.NewGuid().ToString()}@thidua.local>",
            Headers = new Dictionary<string, string> { [OutboxDispatcher.OutboxIdHeader] = id ?? Guid.NewGuid().ToString() },
        };

    [Fact]
    public async Task Vietnamese_subject_names_and_body_arrive_as_written_and_lines_starting_with_a_dot_survive()
    {
        const string subject = "[TĐKT] Hồ sơ HS-2026-000007 đã có quyết định khen thưởng – Nguyễn Thị Ánh Tuyết, Phường Đông Hòa, Thành phố Dĩ An 🎖";
        const string name = "Trần Thị Mai Nguyễn Ánh Tuyết – Phó Trưởng phòng Thi đua Khen thưởng Sở Nội vụ";
        var body = string.Join("\n",
            "Kính gửi: Đồng chí Trần Thị Mai",
            "",
            ".",
            "..",
            ".Dòng bắt đầu bằng dấu chấm",
            "Số tiền = 1.500.000 đồng; tỷ lệ 100% =D0 (không phải mã hoá)",
            "Dòng có dấu cách ở cuối   ",
            "Dòng có tab ở cuối\t",
            new string('ế', 70),
            new string('x', 75) + "😀" + new string('y', 90),
            "  - Hình thức khen thưởng: Giấy khen của Giám đốc Sở",
            "");
        var message = new EmailMessage("thuky.ttud@thidua.local", name, subject, body) { MessageId = "<hs-7@thidua.local>", Headers = new Dictionary<string, string> { [OutboxDispatcher.OutboxIdHeader] = "hs-7" } };

        await _sender.SendAsync(message, CancellationToken.None);

        var mail = Assert.Single(_sink.Messages());
        Assert.Equal(subject, mail.Subject);
        Assert.Equal(body, mail.Text);
        Assert.Equal(["thuky.ttud@thidua.local"], mail.To);
        Assert.Equal([name], mail.ToNames);
        Assert.Equal(["thuky.ttud@thidua.local"], mail.EnvelopeTo);
        Assert.Equal("Hệ thống Thi đua – Khen thưởng <no-reply@thidua.local>", mail.From);
        Assert.Equal(("<hs-7@thidua.local>", "hs-7"), (mail.MessageId, mail.OutboxId));
        Assert.Equal(("text/plain", "utf-8", "quoted-printable"), (mail.ContentType, mail.Charset, mail.TransferEncoding));
        Assert.Empty(mail.Defects);
        // 7-bit on the wire, so no server has to support 8BITMIME; the headers the System.Net.Mail sender wrote are all there.
        var raw = await File.ReadAllBytesAsync(mail.File!);
        Assert.All(raw, b => Assert.True(b < 128, $"byte {b} is not ASCII"));
        var text = System.Text.Encoding.ASCII.GetString(raw);
        Assert.Contains("\r\nDate: ", text);
        Assert.Contains("\r\nMIME-Version: 1.0\r\n", text);
        Assert.StartsWith("Auto-Submitted: auto-generated\r\n", text);
        Assert.Contains("\r\nSubject: =?utf-8?B?", text);
        Assert.All(text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n").Where(l => !l.StartsWith("To: ", StringComparison.Ordinal)),
            line => Assert.True(line.Length <= 76, $"header line longer than 76 characters: {line}"));
        Assert.All(text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split("\r\n"),
            line => Assert.True(line.Length <= 76, $"body line longer than 76 characters: {line}"));
    }

    [Fact]
    public async Task Messages_sent_in_one_session_share_one_connection()
    {
        using (var session = _sender.OpenSession())
        {
            for (var i = 0; i < 5; i++)
                await session.SendAsync(Message($"nguoi-nhan-{i}@thidua.local", id: $"a-{i}"), CancellationToken.None);
        }
        using (var other = _sender.OpenSession())
            await other.SendAsync(Message("nguoi-nhan-khac@thidua.local", id: "b-0"), CancellationToken.None);

        var received = _sink.Messages();
        Assert.Equal(["a-0", "a-1", "a-2", "a-3", "a-4", "b-0"], received.Select(m => m.OutboxId).Order(StringComparer.Ordinal));
        Assert.Single(received.Where(m => m.OutboxId!.StartsWith('a')).Select(m => m.ClientPort).Distinct());
        Assert.NotEqual(received.Single(m => m.OutboxId == "a-0").ClientPort, received.Single(m => m.OutboxId == "b-0").ClientPort);
        Assert.Equal(2, _sender.ConnectionsOpened);
    }

    [Theory]
    [InlineData("tu-choi-450@thidua.local", SmtpStatusCode.MailboxBusy)]
    [InlineData("tu-choi-550@thidua.local", SmtpStatusCode.MailboxUnavailable)]
    [InlineData("tu-choi-data@thidua.local", SmtpStatusCode.LocalErrorInProcessing)]
    public async Task A_refused_message_throws_the_servers_reply_and_the_next_message_goes_out_on_the_same_connection(string refused, SmtpStatusCode code)
    {
        using var session = _sender.OpenSession();
        await session.SendAsync(Message("truoc@thidua.local", id: "truoc"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SmtpException>(() => session.SendAsync(Message(refused, id: "bi-tu-choi"), CancellationToken.None));
        await session.SendAsync(Message("sau@thidua.local", id: "sau"), CancellationToken.None);

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        var received = _sink.Messages();
        Assert.Equal(["sau", "truoc"], received.Select(m => m.OutboxId).Order(StringComparer.Ordinal));
        Assert.Single(received.Select(m => m.ClientPort).Distinct());
        Assert.Equal(1, _sender.ConnectionsOpened);
    }

    [Fact]
    public async Task When_the_server_dropped_the_idle_connection_the_next_message_goes_out_on_a_new_one()
    {
        using var session = _sender.OpenSession();
        await session.SendAsync(Message("truoc@thidua.local", id: "truoc"), CancellationToken.None);
        _sink.Stop();
        _sink.Start();

        await session.SendAsync(Message("sau@thidua.local", id: "sau"), CancellationToken.None);

        Assert.Equal(["sau", "truoc"], _sink.Messages().Select(m => m.OutboxId).Order(StringComparer.Ordinal));
        Assert.Equal(2, _sender.ConnectionsOpened);
    }

    [Fact]
    public async Task While_the_server_is_down_a_send_fails_and_the_session_works_again_once_it_is_back()
    {
        using var session = _sender.OpenSession();
        _sink.Stop();

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => session.SendAsync(Message("luc-tat@thidua.local", id: "luc-tat"), CancellationToken.None));
        _sink.Start();
        await session.SendAsync(Message("luc-bat@thidua.local", id: "luc-bat"), CancellationToken.None);

        Assert.Equal(["luc-bat"], _sink.Messages().Select(m => m.OutboxId));
    }

    [Fact]
    public async Task An_address_that_could_smuggle_an_SMTP_command_is_refused_before_anything_is_sent()
    {
        using var session = _sender.OpenSession();

        await Assert.ThrowsAsync<FormatException>(() => session.SendAsync(Message("a@thidua.local>\r\nRCPT TO:<b@thidua.local"), CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => session.SendAsync(Message("không-phải-địa-chỉ"), CancellationToken.None));

        Assert.Empty(_sink.Messages());
        Assert.Equal(0, _sender.ConnectionsOpened);
    }

    public void Dispose() => _sink.Dispose();
}
