using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;

namespace ThiDua.Infrastructure.Email;

/// <summary>
/// Sends over plain SMTP with our own small client: one TCP connection per session, EHLO once, then MAIL FROM,
/// RCPT TO and DATA for each message, QUIT when the session ends. The message is built by <see cref="MimeText"/>.
/// <para>
/// Why not System.Net.Mail: it writes the end of DATA ("\r\n.\r\n") as a separate small packet after other small
/// ones, with Nagle's algorithm on, so every message waited for the server's delayed ACK (≈ 40 ms on Linux): one
/// connection could not pass about 22 messages a second. Here every command and every message goes out in one write,
/// with TCP_NODELAY.
/// </para>
/// <para>
/// Used when the server needs neither STARTTLS nor a login (<see cref="EmailServiceCollectionExtensions"/> picks
/// <see cref="SmtpEmailSender"/> otherwise). A reply the server gives to a message (4xx, 5xx) throws
/// <see cref="SmtpException"/> and the connection is reset for the next message; a broken connection or a timeout
/// closes it, and the next message opens a new one.
/// </para>
/// </summary>
public sealed class SmtpWireEmailSender : IEmailSender
{
    private readonly EmailOptions _options;
    private readonly TimeProvider _time;
    private readonly string _from;
    private readonly string _clientName = ClientName();

    public SmtpWireEmailSender(EmailOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _from = MimeText.EnvelopeAddress(options.FromAddress);
    }

    public IEmailSession OpenSession() => new Session(this);

    /// <summary>How many connections sessions have opened so far (for tests: messages share connections).</summary>
    public int ConnectionsOpened => _connectionsOpened;

    private int _connectionsOpened;

    /// <summary>The EHLO argument: this machine's name when it is a valid domain, else the loopback literal.</summary>
    private static string ClientName()
    {
        var name = Dns.GetHostName();
        return name.Length is > 0 and < 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? name : "[127.0.0.1]";
    }

    private sealed class Session(SmtpWireEmailSender sender) : IEmailSession
    {
        private Connection? _connection;

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            var smtp = sender.Compose(message, out var to);
            var timeout = sender._options.Smtp.Timeout;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                if (_connection is not null)
                {
                    try
                    {
                        await _connection.SendAsync(sender._from, to, smtp, cts.Token);
                        return;
                    }
                    catch (StaleConnectionException)
                    {
                        // The server dropped the idle connection (restart, idle timeout) before this message began,
                        // so nothing of it was delivered and sending it on a new connection cannot duplicate it.
                        Drop();
                    }
                }
                _connection = await Connection.OpenAsync(sender, cts.Token);
                await _connection.SendAsync(sender._from, to, smtp, cts.Token);
            }
            catch (SmtpReplyException ex)
            {
                // The server refused this message but the conversation is intact: start the next one clean.
                if (!await ResetAsync(cts.Token))
                    Drop();
                throw ex.ToSmtpException();
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

        private async Task<bool> ResetAsync(CancellationToken ct)
        {
            try
            {
                return _connection is not null && !_connection.Closing && await _connection.ResetAsync(ct);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or SmtpReplyException)
            {
                return false;
            }
        }

        private void Drop()
        {
            _connection?.Dispose();
            _connection = null;
        }

        public void Dispose()
        {
            _connection?.Quit();
            Drop();
        }
    }

    private byte[] Compose(EmailMessage message, out string to)
    {
        to = MimeText.EnvelopeAddress(message.ToAddress);
        return MimeText.Compose(_options, message, _time.GetUtcNow());
    }

    /// <summary>A reply other than the one expected, while the connection itself still works.</summary>
    private sealed class SmtpReplyException(int code, string command, string reply) : Exception($"{command}: {reply}")
    {
        public int Code => code;
        /// <summary>421: the server is closing the connection, so it cannot be reset.</summary>
        public bool Closing => code == 421;

        public SmtpException ToSmtpException() =>
            new((SmtpStatusCode)code, $"The SMTP server refused {command}. The server response was: {reply}");
    }

    /// <summary>A connection that already carried a message turned out closed when the next one began.</summary>
    private sealed class StaleConnectionException(IOException inner) : IOException(inner.Message, inner);

    private sealed class Connection : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;
        private bool _used;

        private Connection(Socket socket)
        {
            _socket = socket;
            _stream = new NetworkStream(socket, ownsSocket: true);
        }

        public bool Closing { get; private set; }

        public static async Task<Connection> OpenAsync(SmtpWireEmailSender sender, CancellationToken ct)
        {
            var smtp = sender._options.Smtp;
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            Connection? connection = null;
            try
            {
                await socket.ConnectAsync(smtp.Host, smtp.Port, ct);
                connection = new Connection(socket);
                Interlocked.Increment(ref sender._connectionsOpened);
                await connection.ExpectAsync("connect", 220, ct);
                var ehlo = await connection.CommandAsync($"EHLO {sender._clientName}", ct);
                if (ehlo.Code != 250)
                    await connection.CommandAsync($"HELO {sender._clientName}", 250, ct);
                return connection;
            }
            catch
            {
                if (connection is null)
                    socket.Dispose();
                else
                    connection.Dispose();
                throw;
            }
        }

        public async Task SendAsync(string from, string to, byte[] message, CancellationToken ct)
        {
            var reused = _used;
            _used = true;
            try
            {
                await CommandAsync($"MAIL FROM:<{from}>", 250, ct);
            }
            catch (IOException ex) when (reused)
            {
                throw new StaleConnectionException(ex);
            }
            var rcpt = await CommandAsync($"RCPT TO:<{to}>", ct);
            if (rcpt.Code is not (250 or 251))
                throw Refused(rcpt.Code, "RCPT TO", rcpt.Text);
            await CommandAsync("DATA", 354, ct);
            await _stream.WriteAsync(DotStuffed(message), ct);
            await ExpectAsync("the message", 250, ct);
        }

        public async Task<bool> ResetAsync(CancellationToken ct) => (await CommandAsync("RSET", ct)).Code == 250;

        /// <summary>Says goodbye without waiting for the answer: the session is over either way.</summary>
        public void Quit()
        {
            try
            {
                _socket.Send("QUIT\r\n"u8, SocketFlags.None);
            }
            catch (SocketException)
            {
                // Already gone; closing is all that is left.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>
        /// The message with every line that starts with "." given a second one (RFC 5321 4.5.2), then the terminating
        /// ".": a body line "." would otherwise end the message early.
        /// </summary>
        private static byte[] DotStuffed(byte[] message)
        {
            var output = new MemoryStream(message.Length + 64);
            var lineStart = true;
            var copied = 0;
            for (var i = 0; i < message.Length; i++)
            {
                if (lineStart && message[i] == (byte)'.')
                {
                    output.Write(message, copied, i - copied);
                    output.WriteByte((byte)'.');
                    copied = i;
                }
                lineStart = message[i] == (byte)'\n';
            }
            output.Write(message, copied, message.Length - copied);
            if (!lineStart)
                output.Write("\r\n"u8);
            output.Write(".\r\n"u8);
            return output.ToArray();
        }

        private async Task CommandAsync(string command, int expected, CancellationToken ct)
        {
            var reply = await CommandAsync(command, ct);
            if (reply.Code != expected)
                throw Refused(reply.Code, command.Split(' ', ':')[0] is var verb && verb is "MAIL" ? "MAIL FROM" : verb, reply.Text);
        }

        private async Task<(int Code, string Text)> CommandAsync(string command, CancellationToken ct)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
            return await ReadReplyAsync(ct);
        }

        private async Task ExpectAsync(string what, int expected, CancellationToken ct)
        {
            var reply = await ReadReplyAsync(ct);
            if (reply.Code != expected)
                throw Refused(reply.Code, what, reply.Text);
        }

        private SmtpReplyException Refused(int code, string what, string text)
        {
            var refused = new SmtpReplyException(code, what, text);
            Closing |= refused.Closing;
            return refused;
        }

        /// <summary>One reply, all its lines ("250-…" continues, "250 …" ends it), as the code and the text joined.</summary>
        private async Task<(int Code, string Text)> ReadReplyAsync(CancellationToken ct)
        {
            var text = new StringBuilder();
            while (true)
            {
                var line = await ReadLineAsync(ct);
                if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
                    throw new IOException($"The SMTP server sent something that is not a reply: '{line}'.");
                if (text.Length > 0)
                    text.Append(' ');
                text.Append(line);
                if (line.Length == 3 || line[3] != '-')
                    return (code, text.ToString());
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken ct)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await _stream.ReadAsync(_buffer, ct);
                    if (_end == 0)
                        throw new IOException("The SMTP server closed the connection.");
                }
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                var stop = newline < 0 ? _end : newline;
                line.Append(Encoding.UTF8.GetString(_buffer, _start, stop - _start));
                if (line.Length > 4096)
                    throw new IOException("The SMTP server sent a reply line longer than 4096 characters.");
                _start = newline < 0 ? _end : newline + 1;
                if (newline >= 0)
                    return line.ToString().TrimEnd('\r');
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
