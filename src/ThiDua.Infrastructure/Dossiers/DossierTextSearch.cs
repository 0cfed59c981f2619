using System.Runtime.CompilerServices;
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
    /// <summary>
    /// The same matches two ways. <see cref="Driven"/> starts from the index's matches (the plan for "the first
    /// thousand, in any order"); <see cref="Probed"/> leaves the database free to walk a date-ordered index and test
    /// each row against the matches (the plan for "the newest twenty" of many matches). SQLite without statistics
    /// picks the wrong one of the two for each question if left to choose.
    /// </summary>
    /// <param name="DrivenChecksGrants">
    /// <see cref="Driven"/> already holds only dossiers the person's organizations were granted (SQLite: checked by the
    /// rowid the index gives, before a dossier row is read; see migration DossierAccessRowid).
    /// </param>
    public sealed record Sources(IQueryable<Dossier> Driven, IQueryable<Dossier> Probed, bool DrivenChecksGrants = false);

    /// <param name="grantedTo">The person's organizations, or null for someone who sees every dossier.</param>
    public static async Task<Sources> MatchingAsync(ThiDuaDbContext db, TrigramStatistics statistics, string folded, string code,
        IReadOnlyList<Guid>? grantedTo, CancellationToken ct)
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
        var checksGrants = false;
        // A term typed in lower case without accents is its own folded form: its trigrams are chosen once.
        if (db.Database.IsSqlite() && await TrigramsAsync(db, statistics, folded, ct) is { } nameTerms
            && (code == folded ? nameTerms : await TrigramsAsync(db, statistics, code, ct)) is { } codeTerms)
        {
            // The index keeps no positions (detail=none), so it is asked for rows holding all of the chosen trigrams
            // (see TrigramChoice); the exact test below checks the whole term.
            // The trigram tokenizer folds case, so for a code typed in another case this is still a superset.
            var match = nameTerms == codeTerms ? nameTerms : $"({nameTerms}) OR ({codeTerms})";
            var parameters = new List<object> { match };
            var grants = "";
            if (grantedTo is { Count: > 0 })
            {
                // Stored as EF writes a Guid in SQLite: upper-case text.
                parameters.AddRange(grantedTo.Select(o => (object)o.ToString().ToUpperInvariant()));
                var orgs = string.Join(", ", grantedTo.Select((_, i) => "{" + (i + 1) + "}"));
                // A scalar subquery rather than EXISTS: SQLite 3.53 turns an EXISTS into a join placed after the dossier
                // row is read, which is the read this check is there to spare (47 against 15 ms for 'tran thi').
                grants = $"""
                     AND (SELECT 1 FROM "DossierAccess" AS "a" WHERE "a"."OrgId" IN ({orgs}) AND "a"."DossierRowid" = "s".rowid LIMIT 1) IS NOT NULL
                    """;
            }
            // Every value is a parameter; only the number of placeholders varies.
            driven = db.Dossiers.FromSql(FormattableStringFactory.Create(
                """SELECT "d".* FROM "DossierSearch" AS "s" CROSS JOIN "Dossiers" AS "d" ON "d".rowid = "s".rowid WHERE "DossierSearch" MATCH {0}""" + grants,
                [.. parameters]));
            checksGrants = grants.Length > 0;
            probed = db.Dossiers.FromSql(
                $"""SELECT * FROM "Dossiers" WHERE rowid IN (SELECT rowid FROM "DossierSearch" WHERE "DossierSearch" MATCH {match})""");
        }
        return new Sources(
            driven.Where(d => d.NomineeSearch.Contains(folded) || d.Code.Contains(code)),
            probed.Where(d => d.NomineeSearch.Contains(folded) || d.Code.Contains(code)),
            checksGrants);
    }

    /// <summary>An FTS5 query for rows holding the term's chosen trigrams; null if the term is too short for the index.</summary>
    private static async Task<string?> TrigramsAsync(ThiDuaDbContext db, TrigramStatistics statistics, string term, CancellationToken ct)
    {
        var trigrams = TrigramChoice.Of(term);
        if (trigrams.Count == 0)
            return null;
        var (rows, total) = await statistics.ForAsync(db, trigrams.Select(t => t.Trigram), ct);
        return string.Join(" AND ", TrigramChoice.Choose(trigrams, rows, total).Select(Quote));
    }

    /// <summary>An FTS5 string: taken literally (a trigram may hold spaces or punctuation); quotes are doubled.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
