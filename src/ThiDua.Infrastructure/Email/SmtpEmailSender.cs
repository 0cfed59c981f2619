using System.Net;
using System.Net.Mail;
using System.Net.Mime;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with System.Net.Mail (MailKit does not restore here). The body is quoted-printable,
/// which any server accepts whatever its 8BITMIME support. <c>EnableSsl</c> means STARTTLS.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : SmtpClientEmailSender(options, TransferEncoding.QuotedPrintable)
{
    protected override SmtpClient CreateClient()
    {
        var smtp = Options.Smtp;
        var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.EnableSsl,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
            UseDefaultCredentials = false,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        return client;
    }
}
