using System.Net.Mail;
using System.Net.Mime;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// The embedded default: every message becomes one .eml file in <see cref="EmailOptions.PickupFolder"/>
/// (data/mail under the content root), which any mail client opens. The body is written as 8-bit UTF-8 so
/// the file also reads as plain text; the subject and names are RFC 2047 encoded words.
/// <para>
/// The file is written in a staging folder and then renamed to its Message-ID (the outbox id), so a message sent
/// again after a crash between writing and recording it replaces its own file: one file per outbox row, always.
/// </para>
/// </summary>
public sealed class PickupDirectoryEmailSender(EmailOptions options) : SmtpClientEmailSender(options, TransferEncoding.EightBit)
{
    private const string StagingFolder = ".dang-ghi";

    protected override SmtpClient CreateClient()
    {
        var staging = Path.Combine(Options.PickupFolder, StagingFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        return new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = staging,
        };
    }

    protected override void Delivered(SmtpClient client, EmailMessage message)
    {
        var staging = client.PickupDirectoryLocation!;
        var name = FileNameOf(message.MessageId) ?? Guid.NewGuid().ToString("N");
        foreach (var written in Directory.GetFiles(staging, "*.eml"))
            File.Move(written, Path.Combine(Options.PickupFolder, name + ".eml"), overwrite: true);
    }

    protected override void Closed(SmtpClient client)
    {
        try
        {
            Directory.Delete(client.PickupDirectoryLocation!, recursive: true);
        }
        catch (IOException)
        {
            // Another cleanup got there first; an empty staging folder harms nothing.
        }
    }

    /// <summary>"&lt;0195…@thidua.local&gt;" → "0195…": safe as a file name, and stable across resends.</summary>
    private static string? FileNameOf(string? messageId)
    {
        var local = messageId?.Trim('<', '>').Split('@')[0];
        return string.IsNullOrEmpty(local) || local.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) ? null : local;
    }
}
