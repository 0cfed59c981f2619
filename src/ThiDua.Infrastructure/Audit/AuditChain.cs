using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Audit;

public sealed record AuditVerification(bool Intact, long Sealed, int Unsealed, long? BrokenAtSeq, string Message);

/// <summary>
/// Seals new audit entries into the hash chain (one sealer at a time: a lock in process, an advisory lock on
/// PostgreSQL) and verifies the chain. The hash covers every field a person could alter.
/// </summary>
public sealed class AuditChain(IDbContextFactory<ThiDuaDbContext> factory)
{
    private const long AdvisoryLockKey = 0x7468_6964_7561; // "thidua"
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string HashOf(AuditEntry e, string prev)
    {
        var canonical = string.Join('\u001f', prev, e.Seq?.ToString(CultureInfo.InvariantCulture), e.Id.ToString("N"), e.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            e.ActorUserId?.ToString("N"), e.ActorName, e.Action, e.Subject, e.Detail);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Entries chained per transaction. At a thousand approvals a second the sealer finds thousands at each tick; one
    /// transaction for all of them held the file's write lock for as long as it took to load, hash and update them,
    /// and every approval waited behind it.
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>Chains the entries not sealed yet, oldest first. Returns how many were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var total = 0;
            int sealedNow;
            do
            {
                sealedNow = await SealBatchAsync(ct);
                total += sealedNow;
            }
            while (sealedNow == BatchSize);
            return total;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // SQLite takes the write lock at BEGIN (which also keeps a second process, the audit command, from sealing the
        // same entries). Queued with this process's workflow saves for it, not colliding with them in SQLite's busy
        // handler, which sleeps up to 100 ms between tries while the lock may already be free.
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        var last = await db.AuditEntries.Where(a => a.Seq != null).OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
        var pending = await db.AuditEntries.Where(a => a.Seq == null).OrderBy(a => a.At).ThenBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
        var seq = last?.Seq ?? 0;
        var prev = last?.Hash ?? Genesis;
        foreach (var e in pending)
        {
            e.Seq = ++seq;
            e.PrevHash = prev;
            e.Hash = HashOf(e, prev);
            prev = e.Hash;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>Recomputes the whole chain; the first entry whose hash or link does not match is reported.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var prev = Genesis;
        long expected = 0;
        long? lastSeq = 0;
        const int page = 5000;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Seq > lastSeq).OrderBy(a => a.Seq).Take(page).ToListAsync(ct);
            foreach (var e in batch)
            {
                expected++;
                if (e.Seq != expected)
                    return Broken(expected, null, $"Mất mục nhật ký số {expected} (chuỗi nhảy tới {e.Seq}).");
                if (e.PrevHash != prev)
                    return Broken(expected, e.Seq, $"Mục số {e.Seq} không nối với mục trước: mục trước đã bị sửa hoặc xóa.");
                if (HashOf(e, prev) != e.Hash)
                    return Broken(expected, e.Seq, $"Mục số {e.Seq} ({e.Action}, {e.At.AddHours(7):HH:mm dd/MM/yyyy}) đã bị sửa sau khi niêm phong.");
                prev = e.Hash!;
                lastSeq = e.Seq;
            }
            if (batch.Count < page)
                break;
        }
        var unsealed = await db.AuditEntries.CountAsync(a => a.Seq == null, ct);
        return new AuditVerification(true, expected, unsealed, null, $"Nhật ký kiểm toán nguyên vẹn: {expected} mục đã niêm phong, {unsealed} mục chờ niêm phong. Mã băm mục cuối (ghi lại bên ngoài để phát hiện việc cắt đuôi): {prev}");

        AuditVerification Broken(long at, long? seq, string message) => new(false, expected - 1, 0, seq ?? at, message);
    }
}
