using System.Net.Mail;
using System.Net.Mime;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// The embedded default: every message becomes one .eml file in <see cref="EmailOptions.PickupFolder"/>
/// (data/mail under the content root), which any mail client opens. The body is written as 8-bit UTF-8 so
/// the file also reads as plain text; the subject and names are RFC 2047 encoded words.
/// </summary>
public sealed class PickupDirectoryEmailSender(EmailOptions options) : SmtpClientEmailSender(options, TransferEncoding.EightBit)
{
    protected override SmtpClient CreateClient()
    {
        Directory.CreateDirectory(Options.PickupFolder);
        return new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Options.PickupFolder,
        };
    }
}
