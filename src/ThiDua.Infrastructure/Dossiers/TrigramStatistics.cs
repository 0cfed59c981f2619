using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// How many dossiers hold each trigram in the SQLite search index, counted once per process the first time a search
/// uses the trigram (a millisecond or a few for the commonest), for <see cref="TrigramChoice"/>. The counts only steer
/// which trigrams are asked for, never what a search finds, so a count that has aged since is harmless. Bounded: a
/// stream of made-up terms empties it instead of growing it.
/// </summary>
public sealed class TrigramStatistics
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, long> _rows = new(StringComparer.Ordinal);
    private long _total = -1;

    public async Task<(IReadOnlyDictionary<string, long> Rows, long Total)> ForAsync(ThiDuaDbContext db, IEnumerable<string> trigrams, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in trigrams)
        {
            if (!_rows.TryGetValue(t, out var n))
            {
                var match = DossierTextSearch.Quote(t);
                n = await db.Database.SqlQuery<long>($"""SELECT count(*) AS "Value" FROM "DossierSearch" WHERE "DossierSearch" MATCH {match}""").SingleAsync(ct);
                if (_rows.Count >= MaxEntries)
                    _rows.Clear();
                _rows[t] = n;
            }
            result[t] = n;
        }
        if (_total < 0)
            // The largest rowid stands for the row count: the rowids of dossiers are dense, and reading it is one seek.
            _total = await db.Database.SqlQuery<long>($"""SELECT coalesce(max(rowid), 0) AS "Value" FROM "Dossiers" """).SingleAsync(ct);
        return (result, _total);
    }
}
