using System.Collections.Concurrent;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Email;

/// <summary>What one dispatch round did: messages sent, put back for a later attempt, and given up on.</summary>
public sealed record DispatchResult(int Sent, int Retrying, int Failed)
{
    public int Total => Sent + Retrying + Failed;
}

/// <summary>
/// Sends the outbox. A round claims due rows in batches, renders and sends them with
/// <see cref="DispatcherOptions.MaxParallelism"/> workers (each over its own connection), and records each result.
/// <para>
/// Claiming: a due row (Pending, or Sending with an expired lease, and NextAttemptAt ≤ now) becomes Sending with
/// NextAttemptAt = now + lease, in an UPDATE conditioned on the row's Version. Two dispatchers (two web nodes on
/// one database) race on that UPDATE and exactly one wins; the loser skips the row. Every later write is
/// conditioned on the Version the claim produced, so a worker that lost its lease cannot overwrite the new owner.
/// </para>
/// <para>
/// Delivery is at least once, and twice only in one narrow case: the process dies after the SMTP server accepted a
/// message and before its Sent update committed (one small UPDATE); the row is then still Sending and is sent again
/// once its lease runs out. A send is never started unless it can finish (SMTP timeout) before its lease ends, so a
/// slow worker does not cause duplicates. Each message carries its outbox id in X-ThiDua-Outbox-Id and a stable
/// Message-ID, so such a duplicate can be recognized.
/// </para>
/// Failures wait 30 s, 2 min, 10 min, 1 h, 3 h, then 6 h between attempts; after <see cref="DispatcherOptions.MaxAttempts"/>
/// attempts, or at once when retrying cannot help (missing template, invalid address), the row is Failed.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<ThiDuaDbContext> contexts,
    EmailTemplateRenderer templates,
    IEmailSender sender,
    EmailOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> log)
{
    public const string OutboxIdHeader = "X-ThiDua-Outbox-Id";

    public static IReadOnlyList<TimeSpan> RetryDelays { get; } =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
    ];

    private readonly DispatcherOptions _settings = options.Dispatcher;
    private readonly string _messageIdDomain = new MailAddress(options.FromAddress).Host;

    private enum Outcome { Sent, Retrying, Failed, Released }

    private sealed record Claim(OutboxMessage Row, DateTime LeaseUntil);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Sends everything due now. Cancelling stops new sends; a send under way still finishes and is recorded.</summary>
    public async Task<DispatchResult> DispatchDueAsync(CancellationToken ct)
    {
        var counts = new int[4];
        var sessions = new ConcurrentBag<IEmailSession>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = await ClaimAsync(ct);
                if (batch.Count == 0)
                    break;
                // Every claimed row is either delivered or released, even after cancellation, hence no token here.
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = _settings.MaxParallelism }, async (claim, _) =>
                {
                    // At most MaxParallelism bodies run at once, so at most that many sessions exist, one per worker.
                    var session = sessions.TryTake(out var s) ? s : sender.OpenSession();
                    try
                    {
                        Interlocked.Increment(ref counts[(int)await DeliverAsync(session, claim, ct)]);
                    }
                    finally
                    {
                        sessions.Add(session);
                    }
                });
            }
        }
        finally
        {
            foreach (var session in sessions)
                session.Dispose();
        }
        var result = new DispatchResult(counts[(int)Outcome.Sent], counts[(int)Outcome.Retrying], counts[(int)Outcome.Failed]);
        if (result.Total > 0)
            log.LogInformation("Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed", result.Sent, result.Retrying, result.Failed);
        return result;
    }

    /// <summary>Puts a Sent or Failed message back in the queue with a fresh attempt count (the admin page's "Gửi lại").</summary>
    public async Task<bool> ResendAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = Now;
        var changed = await db.Outbox
            .Where(m => m.Id == id && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.SentAt, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
        return changed == 1;
    }

    private async Task<List<Claim>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = Now;
        // One query per status: each reads the (Status, NextAttemptAt) index in order and stops after a batch. With
        // both statuses in one query every due row was sorted for every batch (100,000 rows for a period-end fan-out).
        IQueryable<OutboxMessage> Due(OutboxStatus status) => db.Outbox.AsNoTracking()
            .Where(m => m.Status == status && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(_settings.BatchSize);
        var due = (await Due(OutboxStatus.Pending).ToListAsync(ct)).Concat(await Due(OutboxStatus.Sending).ToListAsync(ct))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(_settings.BatchSize)
            .ToList();
        if (due.Count == 0)
            return [];

        var leaseUntil = now + _settings.Lease;
        var claimed = new List<Claim>(due.Count);
        // One transaction for the batch: one commit instead of one per row. Rows are taken in a fixed order so that
        // two claimers on PostgreSQL wait for each other rather than deadlock.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in due)
        {
            var won = await db.Outbox
                .Where(m => m.Id == row.Id && m.Version == row.Version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.NextAttemptAt, leaseUntil)
                    .SetProperty(m => m.Version, m => m.Version + 1), ct);
            if (won == 0)
                continue;
            if (row.Status == OutboxStatus.Sending)
                log.LogWarning("Outbox message {Id} was left in Sending past its lease (a worker stopped); sending it again", row.Id);
            row.Status = OutboxStatus.Sending;
            row.Attempts++;
            row.Version++;
            claimed.Add(new Claim(row, leaseUntil));
        }
        await tx.CommitAsync(ct);
        return claimed;
    }

    private async Task<Outcome> DeliverAsync(IEmailSession session, Claim claim, CancellationToken ct)
    {
        var row = claim.Row;
        if (ct.IsCancellationRequested || Now + options.Smtp.Timeout >= claim.LeaseUntil)
        {
            await ReleaseAsync(claim);
            return Outcome.Released;
        }

        string? subject = null;
        try
        {
            var email = templates.Render(row.Template, row.ModelJson);
            subject = Truncate(email.Subject, 500);
            // Not cancelled by shutdown: a message the server may already have accepted must get its Sent row.
            await session.SendAsync(Compose(row, email), CancellationToken.None);
        }
        catch (Exception ex) when (ex is EmailTemplateException or FormatException)
        {
            log.LogError("Outbox message {Id} ({Template} to {To}) cannot be sent: {Error}", row.Id, row.Template, row.ToAddress, ex.Message);
            return await RecordFailureAsync(claim, subject, ex, giveUp: true);
        }
        catch (Exception ex)
        {
            log.LogWarning("Outbox message {Id} to {To}, attempt {Attempt}: {Error}", row.Id, row.ToAddress, row.Attempts, ex.Message);
            return await RecordFailureAsync(claim, subject, ex, giveUp: row.Attempts >= _settings.MaxAttempts);
        }

        await RecordSentAsync(new SentRecord(claim, Now, subject));
        return Outcome.Sent;
    }

    private sealed record SentRecord(Claim Claim, DateTime SentAt, string? Subject)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly List<SentRecord> _sentToRecord = [];
    private readonly SemaphoreSlim _recorder = new(1, 1);

    /// <summary>
    /// Records a delivery, returning once it is committed. Deliveries finishing together share one transaction (group
    /// commit): the worker that gets the turn writes every record waiting, the others find theirs done. One commit per
    /// email (a disk flush each under synchronous=FULL) capped the rate near a hundred a second. The window for a
    /// duplicate is unchanged: a message is marked Sent only after the SMTP server accepted it, within milliseconds.
    /// </summary>
    private async Task RecordSentAsync(SentRecord record)
    {
        lock (_sentToRecord)
            _sentToRecord.Add(record);
        await _recorder.WaitAsync(CancellationToken.None);
        try
        {
            List<SentRecord> batch;
            lock (_sentToRecord)
            {
                batch = [.. _sentToRecord];
                _sentToRecord.Clear();
            }
            if (batch.Count > 0)
                await WriteSentAsync(batch);
        }
        finally
        {
            _recorder.Release();
        }
        await record.Committed.Task;
    }

    private async Task WriteSentAsync(List<SentRecord> batch)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            foreach (var r in batch)
            {
                var (id, version, sentAt, subject) = (r.Claim.Row.Id, r.Claim.Row.Version, r.SentAt, r.Subject);
                var changed = await db.Outbox
                    .Where(m => m.Id == id && m.Version == version)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.NextAttemptAt, (DateTime?)null)
                        .SetProperty(m => m.Subject, subject)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.Version, m => m.Version + 1), CancellationToken.None);
                if (changed == 0)
                    log.LogWarning("Outbox message {Id} was taken over by another worker after its lease ran out", id);
            }
            await tx.CommitAsync(CancellationToken.None);
            foreach (var r in batch)
                r.Committed.TrySetResult();
        }
        catch (Exception ex)
        {
            foreach (var r in batch)
                r.Committed.TrySetException(ex);
        }
    }

    private EmailMessage Compose(OutboxMessage row, RenderedEmail email) => new(row.ToAddress, row.ToName, email.Subject, email.Body)
    {
        MessageId = $"<{row.Id}@{_messageIdDomain}>",
        Headers = new Dictionary<string, string> { [OutboxIdHeader] = row.Id.ToString() },
    };

    private async Task<Outcome> RecordFailureAsync(Claim claim, string? subject, Exception ex, bool giveUp)
    {
        var error = Describe(ex);
        DateTime? next = giveUp ? null : Now + RetryDelays[Math.Min(claim.Row.Attempts, RetryDelays.Count) - 1];
        await UpdateClaimedAsync(claim, s =>
        {
            s.SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error);
            if (subject is not null)
                s.SetProperty(m => m.Subject, subject);
        });
        return giveUp ? Outcome.Failed : Outcome.Retrying;
    }

    /// <summary>Gives a claimed row back untouched (shutdown, or too little lease left to send it safely).</summary>
    private Task ReleaseAsync(Claim claim)
    {
        var now = Now;
        return UpdateClaimedAsync(claim, s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.NextAttemptAt, now));
    }

    /// <summary>Writes to a claimed row only while this worker still owns it (same Version as the claim left).</summary>
    private async Task UpdateClaimedAsync(Claim claim, Action<UpdateSettersBuilder<OutboxMessage>> set)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var id = claim.Row.Id;
        var version = claim.Row.Version;
        var changed = await db.Outbox
            .Where(m => m.Id == id && m.Version == version)
            .ExecuteUpdateAsync(s =>
            {
                set(s);
                s.SetProperty(m => m.Version, m => m.Version + 1);
            }, CancellationToken.None);
        if (changed == 0)
            log.LogWarning("Outbox message {Id} was taken over by another worker after its lease ran out", id);
    }

    /// <summary>The exception chain in one line ("Failure sending mail. → Connection refused"), as long as the column allows.</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            if (parts.Count == 0 || parts[^1] != e.Message)
                parts.Add(e.Message);
        return Truncate(string.Join(" → ", parts), 2000);
    }

    /// <summary>Column lengths (Subject 500, LastError 2000) are enforced by PostgreSQL.</summary>
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
