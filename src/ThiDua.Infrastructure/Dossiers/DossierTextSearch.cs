using System.Text;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// The tracking board's free-text search: a substring of the folded nominee name (accents and case ignored) or of
/// the dossier code. A substring test cannot use a B-tree index, so on a million dossiers it read every row; each
/// provider answers it from a trigram index instead (SQLite: the FTS5 table <c>DossierSearch</c>; PostgreSQL:
/// pg_trgm GIN indexes, which serve <c>LIKE '%…%'</c>). Whatever the index, the exact test decides: the index only
/// narrows the rows it is run on, so results mean what they meant without it.
/// </summary>
public static class DossierTextSearch
{
    /// <summary>Trigram indexes cannot answer a term shorter than one trigram (FTS5 matches nothing for it).</summary>
    public const int MinIndexedLength = 3;

    /// <summary>
    /// The same matches two ways. <see cref="Driven"/> starts from the index's matches (the plan for "the first
    /// thousand, in any order"); <see cref="Probed"/> leaves the database free to walk a date-ordered index and test
    /// each row against the matches (the plan for "the newest twenty" of many matches). SQLite without statistics
    /// picks the wrong one of the two for each question if left to choose.
    /// </summary>
    public sealed record Sources(IQueryable<Dossier> Driven, IQueryable<Dossier> Probed);

    public static Sources Matching(ThiDuaDbContext db, string folded, string code)
    {
        if (db.Database.IsNpgsql())
        {
            // LIKE rather than string.Contains (strpos), because the trigram index serves LIKE; escaped, it means the same.
            var namePattern = "%" + EscapeLike(folded) + "%";
            var codePattern = "%" + EscapeLike(code) + "%";
            var like = db.Dossiers.Where(d => EF.Functions.Like(d.NomineeSearch, namePattern, "\\") || EF.Functions.Like(d.Code, codePattern, "\\"));
            return new Sources(like, like);
        }
        IQueryable<Dossier> driven = db.Dossiers, probed = db.Dossiers;
        if (db.Database.IsSqlite() && Trigrams(folded) is { } nameTerms && Trigrams(code) is { } codeTerms)
        {
            // The index keeps no positions (detail=none), so it is asked for rows holding all of the term's trigrams;
            // every third one suffices (plus the last), as the exact test below checks they are adjacent and in order.
            // The trigram tokenizer folds case, so for a code typed in another case this is still a superset.
            var match = nameTerms == codeTerms ? nameTerms : $"({nameTerms}) OR ({codeTerms})";
            driven = db.Dossiers.FromSql(
                $"""SELECT "d".* FROM "DossierSearch" AS "s" CROSS JOIN "Dossiers" AS "d" ON "d".rowid = "s".rowid WHERE "DossierSearch" MATCH {match}""");
            probed = db.Dossiers.FromSql(
                $"""SELECT * FROM "Dossiers" WHERE rowid IN (SELECT rowid FROM "DossierSearch" WHERE "DossierSearch" MATCH {match})""");
        }
        return new Sources(
            driven.Where(d => d.NomineeSearch.Contains(folded) || d.Code.Contains(code)),
            probed.Where(d => d.NomineeSearch.Contains(folded) || d.Code.Contains(code)));
    }

    /// <summary>An FTS5 query for rows holding every third trigram of the term and its last one; null if too short.</summary>
    private static string? Trigrams(string term)
    {
        var runes = term.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (runes.Length < MinIndexedLength)
            return null;
        var starts = Enumerable.Range(0, runes.Length - 2).Where(i => i % 3 == 0).Append(runes.Length - 3).Distinct();
        return string.Join(" AND ", starts.Select(i => Quote(string.Concat(runes[i..(i + 3)]))));
    }

    /// <summary>An FTS5 string: taken literally (a trigram may hold spaces or punctuation); quotes are doubled.</summary>
    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string EscapeLike(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '%' or '_' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
