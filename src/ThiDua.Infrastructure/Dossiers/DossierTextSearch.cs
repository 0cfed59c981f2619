using System.Text;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// The tracking board's free-text search: a substring of the folded nominee name (accents and case ignored) or of
/// the dossier code. A substring test cannot use a B-tree index, so on a million dossiers it read every row; each
/// provider answers it from a trigram index instead (SQLite: the FTS5 table <c>DossierSearch</c>; PostgreSQL:
/// pg_trgm GIN indexes, which serve <c>LIKE '%…%'</c>).
/// </summary>
public static class DossierTextSearch
{
    /// <summary>Trigram indexes cannot answer a term shorter than one trigram (FTS5 matches nothing for it).</summary>
    public const int MinIndexedLength = 3;

    public static IQueryable<Dossier> Matching(ThiDuaDbContext db, string folded, string code)
    {
        if (db.Database.IsNpgsql())
        {
            // LIKE rather than string.Contains (strpos), because the trigram index serves LIKE; escaped, it means the same.
            var namePattern = "%" + EscapeLike(folded) + "%";
            var codePattern = "%" + EscapeLike(code) + "%";
            return db.Dossiers.Where(d => EF.Functions.Like(d.NomineeSearch, namePattern, "\\") || EF.Functions.Like(d.Code, codePattern, "\\"));
        }
        IQueryable<Dossier> source = db.Dossiers;
        if (db.Database.IsSqlite() && Runes(folded) >= MinIndexedLength && Runes(code) >= MinIndexedLength)
        {
            // The trigram index ignores case, so its matches are a superset of the exact test below, which still
            // decides: the index only narrows the rows that test is run on.
            var match = $"NomineeSearch : {Phrase(folded)} OR Code : {Phrase(code)}";
            source = db.Dossiers.FromSql(
                $"""SELECT * FROM "Dossiers" WHERE rowid IN (SELECT rowid FROM "DossierSearch" WHERE "DossierSearch" MATCH {match})""");
        }
        return source.Where(d => d.NomineeSearch.Contains(folded) || d.Code.Contains(code));
    }

    private static int Runes(string s) => s.EnumerateRunes().Count();

    /// <summary>An FTS5 string: the whole term as one phrase, which the trigram tokenizer matches as a substring.</summary>
    private static string Phrase(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
