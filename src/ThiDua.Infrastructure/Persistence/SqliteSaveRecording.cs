using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// The statements of one SaveChanges, written down instead of run, to be run later inside a group's write turn
/// (<see cref="SqliteGroupCommit"/>).
/// <para>
/// EF Core spends as long building an approval's twenty-odd statements (ordering the rows, writing the SQL, making the
/// parameters) as SQLite spends running them. Built here, in parallel with other runs, the serial write turn only binds
/// and steps them. A statement that checks a version (<c>RETURNING 1</c>) is answered as if it found its row; the turn
/// checks that it really did.
/// </para>
/// </summary>
internal sealed class SqliteSaveRecording
{
    public const string QueryWhileRecording = "A query cannot run while a save is being recorded for the write turn.";

    public List<RecordedStatement> Statements { get; } = [];

    /// <summary>Writes the command down and gives EF Core the answer a successful run would have given.</summary>
    public DbDataReader Record(DbCommand command)
    {
        // A save only writes; a query now would be answered with a made-up row.
        if (command.CommandText.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(QueryWhileRecording);
        var returnsRow = command.CommandText.Contains("RETURNING", StringComparison.OrdinalIgnoreCase);
        // EF Core's own statements check a version through RETURNING.
        Statements.Add(new RecordedStatement(command.CommandText, command.Parameters.Cast<SqliteParameter>().ToArray(), checksVersion: returnsRow));
        return new RecordedResultReader(returnsRow);
    }
}

/// <summary>
/// One recorded statement; <paramref name="checksVersion"/>: it checks a version and must find its row (return it, or
/// change it when it has no RETURNING).
/// </summary>
internal sealed class RecordedStatement(string sql, SqliteParameter[] parameters, bool checksVersion)
{
    public string Sql { get; } = sql;

    public SqliteParameter[] Parameters { get; } = parameters;

    public bool ChecksVersion { get; } = checksVersion;

    /// <summary>The values as SQLite stores them, converted now rather than in the write turn; null when the turn leaves them to Microsoft.Data.Sqlite.</summary>
    public SqliteBoundValue[]? Values { get; } = SqliteBoundValue.From(parameters);
}
