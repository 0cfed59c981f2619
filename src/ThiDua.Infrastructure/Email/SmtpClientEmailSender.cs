using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// What both senders share: System.Net.Mail builds the MIME message (UTF-8 text/plain, RFC 2047 encoded-word
/// subject and names, Message-ID, Date), and each session owns one <see cref="SmtpClient"/>, which keeps its
/// connection open between messages. A failed send drops the client, so the next message starts on a fresh connection.
/// </summary>
public abstract class SmtpClientEmailSender(EmailOptions options, TransferEncoding bodyEncoding) : IEmailSender
{
    protected EmailOptions Options { get; } = options;

    protected abstract SmtpClient CreateClient();

    /// <summary>After the client accepted a message; the pickup sender moves its file into place here.</summary>
    protected virtual void Delivered(SmtpClient client, EmailMessage message)
    {
    }

    /// <summary>When a session drops its client.</summary>
    protected virtual void Closed(SmtpClient client)
    {
    }

    public IEmailSession OpenSession() => new Session(this);

    internal MailMessage Compose(EmailMessage message)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(Options.FromAddress, Options.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            // SMTP and .eml files want CRLF; templates are edited with whatever line ends the editor writes.
            Body = message.Body.ReplaceLineEndings("\r\n"),
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = bodyEncoding,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.ToAddress, message.ToName, Encoding.UTF8));
        // Automatic replies (out of office) must not answer a notification (RFC 3834).
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.MessageId is not null)
            mail.Headers.Add("Message-ID", message.MessageId);
        foreach (var (name, value) in message.Headers)
            mail.Headers.Add(name, value);
        return mail;
    }

    private sealed class Session(SmtpClientEmailSender sender) : IEmailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            using var mail = sender.Compose(message);
            _client ??= sender.CreateClient();
            // SmtpClient.Timeout only applies to the synchronous Send, so the asynchronous one gets a token.
            var timeout = sender.Options.Smtp.Timeout;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                await _client.SendMailAsync(mail, cts.Token);
                sender.Delivered(_client, message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Drop();
                throw new TimeoutException($"No answer from the SMTP server within {timeout.TotalSeconds:0} s.");
            }
            catch
            {
                Drop();
                throw;
            }
        }

        private void Drop()
        {
            if (_client is null)
                return;
            _client.Dispose();
            sender.Closed(_client);
            _client = null;
        }

        public void Dispose() => Drop();
    }
}
