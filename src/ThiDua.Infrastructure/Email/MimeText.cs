using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// Writes a plain-text email as RFC 5322 + MIME bytes, with the same headers System.Net.Mail wrote for the SMTP
/// sender: UTF-8 text/plain in quoted-printable (7-bit clean, so no server needs 8BITMIME), subject and display
/// names as RFC 2047 encoded words, Date, Message-ID and the message's own headers. Lines end in CRLF; no line is
/// longer than 76 characters.
/// </summary>
public static class MimeText
{
    private const int MaxEncodedLine = 76;

    public static byte[] Compose(EmailOptions options, EmailMessage message, DateTimeOffset date)
    {
        var text = new StringBuilder(1024 + message.Body.Length * 3);
        Header(text, "Auto-Submitted", "auto-generated");
        if (message.MessageId is not null)
            Header(text, "Message-ID", Checked(message.MessageId));
        foreach (var (name, value) in message.Headers)
            Header(text, Checked(name), Checked(value));
        Header(text, "MIME-Version", "1.0");
        AddressHeader(text, "From", options.FromAddress, options.FromName);
        AddressHeader(text, "To", message.ToAddress, message.ToName);
        Header(text, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal));
        EncodedHeader(text, "Subject", message.Subject);
        Header(text, "Content-Type", "text/plain; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "quoted-printable");
        text.Append("\r\n");
        QuotedPrintable(text, message.Body);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// "a@b" as the SMTP envelope wants it. Throws <see cref="FormatException"/> (never worth a retry) for anything
    /// that is not one plain ASCII address: a stray CR or LF would otherwise become an SMTP command of its own.
    /// </summary>
    public static string EnvelopeAddress(string address)
    {
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.DisplayName.Length > 0 || !Ascii.IsValid(parsed.Address)
            || parsed.Address.AsSpan().IndexOfAny("\r\n<> ") >= 0)
            throw new FormatException($"'{address}' is not an email address this server can be sent to.");
        return parsed.Address;
    }

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append("\r\n");

    private static string Checked(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 && Ascii.IsValid(value) ? value : throw new FormatException($"Header value '{value}' is not one line of ASCII.");

    private static void AddressHeader(StringBuilder text, string name, string address, string? displayName)
    {
        var addr = EnvelopeAddress(address);
        text.Append(name).Append(": ");
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            var column = name.Length + 2;
            if (Ascii.IsValid(displayName) && displayName.AsSpan().IndexOfAny('\r', '\n') < 0 && displayName.Length < 60)
            {
                text.Append('"').Append(displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                column += displayName.Length + 2;
            }
            else
            {
                column = EncodedWords(text, displayName, column, phrase: true);
            }
            text.Append(column + 1 + addr.Length + 2 > MaxEncodedLine ? "\r\n " : " ");
        }
        text.Append('<').Append(addr).Append(">\r\n");
    }

    private static void EncodedHeader(StringBuilder text, string name, string value)
    {
        text.Append(name).Append(": ");
        EncodedWords(text, value, name.Length + 2, phrase: false);
        text.Append("\r\n");
    }

    /// <summary>
    /// RFC 2047 base64 words, folded so that no line passes 76 characters. A word never splits a character's UTF-8
    /// bytes, which decoders are allowed to reject. Line breaks in the value become spaces.
    /// <para>
    /// A <paramref name="phrase"/> (a display name) stays one word up to 600 bytes, even past 76 characters: Python's
    /// mail parser, and mail readers built on it, show a space between two encoded words of a name ("Phư ờng").
    /// </para>
    /// </summary>
    private static int EncodedWords(StringBuilder text, string value, int column, bool phrase)
    {
        const int overhead = 12; // "=?utf-8?B?" and "?="
        var bytes = Encoding.UTF8.GetBytes(value.ReplaceLineEndings(" "));
        var start = 0;
        var first = true;
        while (start < bytes.Length || first)
        {
            if (!first)
            {
                // Whitespace between two encoded words is not part of the text (RFC 2047 6.2), so either separator works.
                if (column + 1 + overhead + 8 > MaxEncodedLine)
                {
                    text.Append("\r\n ");
                    column = 1;
                }
                else
                {
                    text.Append(' ');
                    column++;
                }
            }
            var room = phrase && bytes.Length <= 600 ? bytes.Length : Math.Max(6, (MaxEncodedLine - column - overhead) / 4 * 3);
            var end = Math.Min(start + room, bytes.Length);
            // Back off to the start of a character: continuation bytes are 10xxxxxx.
            while (end < bytes.Length && end > start && (bytes[end] & 0xC0) == 0x80)
                end--;
            var word = "=?utf-8?B?" + Convert.ToBase64String(bytes, start, end - start) + "?=";
            text.Append(word);
            column += word.Length;
            start = end;
            first = false;
        }
        return column;
    }

    /// <summary>
    /// RFC 2045 quoted-printable of the UTF-8 body: each line of the body is one hard line break, long lines get
    /// soft breaks ("=" at the end), a space or tab before a line end is encoded so that no server strips it. A line
    /// may start with "." here: the SMTP sender dot-stuffs the whole message.
    /// </summary>
    private static void QuotedPrintable(StringBuilder text, string body)
    {
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        // "a\nb\n" is two lines, not two lines and an empty third.
        var count = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            var column = 0;
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                var last = j == line.Length - 1;
                string piece;
                if (c is >= '!' and <= '~' && c != '=' || c is ' ' or '\t' && !last)
                {
                    piece = c.ToString();
                }
                else
                {
                    var length = char.IsHighSurrogate(c) && j + 1 < line.Length
                        ? new Rune(c, line[++j]).EncodeToUtf8(utf8)
                        : (Rune.TryCreate(c, out var rune) ? rune : Rune.ReplacementChar).EncodeToUtf8(utf8);
                    last = j == line.Length - 1;
                    var hex = new StringBuilder(length * 3);
                    foreach (var b in utf8[..length])
                        hex.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                    piece = hex.ToString();
                }
                // Keep room for the soft break's "=", except on the line's last piece, which needs none.
                if (column + piece.Length > (last ? MaxEncodedLine : MaxEncodedLine - 1))
                {
                    text.Append("=\r\n");
                    column = 0;
                }
                text.Append(piece);
                column += piece.Length;
            }
            text.Append("\r\n");
        }
    }
}
