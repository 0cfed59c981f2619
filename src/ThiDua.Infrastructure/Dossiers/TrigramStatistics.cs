using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// How many dossiers hold each trigram in the SQLite search index, counted when a search first uses the trigram (a
/// millisecond or a few for the commonest) and again once the count is an hour old, for <see cref="TrigramChoice"/>.
/// The counts only steer which trigrams are asked for, never what a search finds, so an hour-old count is harmless;
/// a count kept for ever would, on a database that grows from nothing, keep steering by the first days' dossiers.
/// Bounded: a stream of made-up terms empties it instead of growing it.
/// </summary>
public sealed class TrigramStatistics
{
    private const int MaxEntries = 50_000;
    private static readonly long MaxAgeMs = (long)TimeSpan.FromHours(1).TotalMilliseconds;
    private readonly ConcurrentDictionary<string, (long Rows, long At)> _rows = new(StringComparer.Ordinal);
    private (long Rows, long At) _total = (-1, 0);

    public async Task<(IReadOnlyDictionary<string, long> Rows, long Total)> ForAsync(ThiDuaDbContext db, IEnumerable<string> trigrams, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in trigrams)
        {
            if (!_rows.TryGetValue(t, out var known) || now - known.At > MaxAgeMs)
            {
                var match = DossierTextSearch.Quote(t);
                known = (await db.Database.SqlQuery<long>($"""SELECT count(*) AS "Value" FROM "DossierSearch" WHERE "DossierSearch" MATCH {match}""").SingleAsync(ct), now);
                if (_rows.Count >= MaxEntries)
                    _rows.Clear();
                _rows[t] = known;
            }
            result[t] = known.Rows;
        }
        var total = _total;
        if (total.Rows < 0 || now - total.At > MaxAgeMs)
            // The largest rowid stands for the row count: the rowids of dossiers are dense, and reading it is one seek.
            _total = total = (await db.Database.SqlQuery<long>($"""SELECT coalesce(max(rowid), 0) AS "Value" FROM "Dossiers" """).SingleAsync(ct), now);
        return (result, total.Rows);
    }
}
