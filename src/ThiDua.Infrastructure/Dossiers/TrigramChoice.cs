namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// Which of a search term's trigrams the index is asked for. Any of them gives a superset of the matches (the exact
/// test decides), so the choice is only about speed: each trigram asked for costs a walk of its list of rows in the
/// index (about 0.015 µs an entry), each candidate it lets through costs a dossier row read (about 5 µs). Rare trigrams
/// first; the next one is added while the rows it is expected to rule out cost more than its list. Names are not
/// random letters, so a trigram rules out fewer rows than its share of the index says: the estimate takes the square
/// root of that share, and a trigram that overlaps one already chosen is not taken at all (in 'nguyen van', nearly
/// every row with 'n v' has 'van').
/// <para>
/// 'nguyen van thanh' on a million dossiers: every third trigram ('ngu', 'yen', ' va', 'n t', 'han', 'anh') made the
/// search's first query 13.7 ms (10.6 ms of it in the index); 'n v', 'n t', 'ngu' and 'anh' make it 6.6 ms (4.5 ms),
/// for the same 204 rows. Shorter terms stay as fast as they were.
/// </para>
/// </summary>
public static class TrigramChoice
{
    /// <summary>A candidate row read costs about this many index entries walked.</summary>
    public const double RowCostInEntries = 300;

    /// <summary>The term's trigrams (three runes each), each with where it first starts; empty if the term is shorter.</summary>
    public static IReadOnlyList<(string Trigram, int Start)> Of(string term)
    {
        var runes = term.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, int)>();
        for (var i = 0; i + 3 <= runes.Length; i++)
        {
            var t = string.Concat(runes[i..(i + 3)]);
            if (seen.Add(t))
                result.Add((t, i));
        }
        return result;
    }

    /// <param name="trigrams">From <see cref="Of"/>.</param>
    /// <param name="rows">How many indexed rows hold each trigram.</param>
    /// <param name="total">How many rows the index holds.</param>
    public static IReadOnlyList<string> Choose(IReadOnlyList<(string Trigram, int Start)> trigrams, IReadOnlyDictionary<string, long> rows, long total)
    {
        if (trigrams.Count == 0)
            return [];
        total = Math.Max(total, 1);
        var byRarity = trigrams.OrderBy(t => rows.GetValueOrDefault(t.Trigram)).ThenBy(t => t.Start).ToList();
        var chosen = new List<(string Trigram, int Start)> { byRarity[0] };
        double expected = rows.GetValueOrDefault(byRarity[0].Trigram);
        foreach (var next in byRarity.Skip(1))
        {
            if (chosen.Any(c => Math.Abs(c.Start - next.Start) <= 2))
                continue;
            var list = rows.GetValueOrDefault(next.Trigram);
            var after = expected * Math.Sqrt(Math.Min(1.0, (double)list / total));
            if ((expected - after) * RowCostInEntries <= list)
                continue;
            chosen.Add(next);
            expected = after;
        }
        return chosen.Select(c => c.Trigram).ToList();
    }
}
