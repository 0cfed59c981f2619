using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// The write turn's statements, compiled once on the turn's connection and run with the values each run converted
/// beforehand (<see cref="SqliteBoundValue"/>): the turn finds each parameter's index in a table made when the
/// statement was compiled, binds and steps, nothing else. A statement whose values are not all converted runs through
/// Microsoft.Data.Sqlite (<see cref="SqliteStatementCache"/>) as before. Used only by the holder of the write turn;
/// finalized before its connection closes.
/// </summary>
internal sealed class SqliteTurnStatements(SqliteConnection connection) : IDisposable
{
    /// <summary>More parameters than any of the model's statements has; a longer one goes through Microsoft.Data.Sqlite.</summary>
    private const int MaxParameters = 256;

    /// <summary>As <see cref="SqliteStatementCache.PerConnection"/>: a turn that sees many one-off texts starts again empty.</summary>
    private const int MaxKept = SqliteStatementCache.PerConnection;

    /// <summary>How long a statement waits while SQLite answers busy or locked, as a Microsoft.Data.Sqlite command does.</summary>
    private static readonly TimeSpan BusyFor = TimeSpan.FromMilliseconds(SqlitePragmaInterceptor.BusyTimeoutMs);

    private readonly Dictionary<string, Compiled> _bySql = new(StringComparer.Ordinal);

    /// <summary>Statements compiled here and kept (tests check through it that the turn bound the values itself).</summary>
    public int CompiledCount => _bySql.Count;

    /// <summary>
    /// Runs the statements inside the turn's transaction. Throws as EF Core's SaveChanges would:
    /// <see cref="DbUpdateConcurrencyException"/> when a version check finds no row (someone else changed it first),
    /// <see cref="DbUpdateException"/> around SQLite's error when a statement fails.
    /// </summary>
    public void Run(SqliteTransaction transaction, IReadOnlyList<RecordedStatement> statements)
    {
        foreach (var statement in statements)
        {
            bool found;
            try
            {
                found = statement.Values is { } values && CompiledFor(statement.Sql) is { } compiled && compiled.TryBind(values)
                    ? compiled.Step()
                    : SqliteStatementCache.Replay(connection, transaction, statement);
            }
            catch (SqliteException ex)
            {
                throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", ex);
            }
            if (statement.ChecksVersion && !found)
                throw new DbUpdateConcurrencyException(
                    "The database operation was expected to affect 1 row(s), but actually affected 0 row(s); data may have been modified or deleted since entities were loaded.");
        }
    }

    /// <summary>Runs a statement without parameters (the savepoints); one SQLite does not compile fails as Microsoft.Data.Sqlite reports it.</summary>
    public void Run(string sql)
    {
        if (CompiledFor(sql) is { } compiled && compiled.TryBind([]))
        {
            compiled.Step();
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Clear();

    /// <summary>
    /// Null for a text SQLite does not compile as one statement: Microsoft.Data.Sqlite runs it (and reports its error).
    /// Not remembered, so a statement that failed to compile for a passing reason is compiled again next time.
    /// </summary>
    private Compiled? CompiledFor(string sql)
    {
        if (_bySql.TryGetValue(sql, out var compiled))
            return compiled;
        if (Compiled.Of(connection.Handle!, sql) is not { } made)
            return null;
        if (_bySql.Count >= MaxKept)
            Clear();
        return _bySql[sql] = made;
    }

    private void Clear()
    {
        foreach (var compiled in _bySql.Values)
            compiled.Dispose();
        _bySql.Clear();
    }

    private sealed class Compiled : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly int _count;

        private Compiled(sqlite3 db, sqlite3_stmt statement)
        {
            _db = db;
            _statement = statement;
            _count = raw.sqlite3_bind_parameter_count(statement);
            for (var i = 1; i <= _count; i++)
                if (raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string() is { } name)
                    _indexes[name] = i;
        }

        public static Compiled? Of(sqlite3 db, string sql)
        {
            if (raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail) != raw.SQLITE_OK || statement.IsInvalid)
            {
                statement?.Dispose();
                return null;
            }
            // A second statement in the text would not run here; Microsoft.Data.Sqlite runs every statement of a command.
            if (!string.IsNullOrWhiteSpace(tail))
            {
                statement.Dispose();
                return null;
            }
            var compiled = new Compiled(db, statement);
            if (compiled._count > MaxParameters)
            {
                compiled.Dispose();
                return null;
            }
            return compiled;
        }

        /// <summary>
        /// Binds the values by their names, as Microsoft.Data.Sqlite does (a value the statement does not name is left
        /// out); false, with nothing run, when a parameter of the statement would be left without a value, which
        /// Microsoft.Data.Sqlite refuses.
        /// </summary>
        public bool TryBind(SqliteBoundValue[] values)
        {
            raw.sqlite3_reset(_statement);
            Span<bool> bound = stackalloc bool[_count + 1];
            foreach (var value in values)
            {
                if (!_indexes.TryGetValue(value.Name, out var index))
                    continue;
                Check(value.Bind(_statement, index));
                bound[index] = true;
            }
            for (var i = 1; i <= _count; i++)
                if (!bound[i])
                    return false;
            return true;
        }

        /// <summary>
        /// Runs the statement; whether it gave a row or changed one (a version check that found its row, with or without
        /// RETURNING). SQLite's count of changes leaves out the rows the statement's triggers changed. While SQLite
        /// answers busy or locked it tries again, as Microsoft.Data.Sqlite does, until the command timeout.
        /// </summary>
        public bool Step()
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                while (true)
                {
                    var rc = raw.sqlite3_step(_statement);
                    if (rc == raw.SQLITE_ROW)
                        return true;
                    if (rc == raw.SQLITE_DONE)
                        return raw.sqlite3_changes(_db) > 0;
                    if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE) || Stopwatch.GetElapsedTime(started) >= BusyFor)
                        SqliteException.ThrowExceptionForRC(rc, _db);
                    raw.sqlite3_reset(_statement);
                    Thread.Sleep(150);
                }
            }
            finally
            {
                // Ends the statement (and its read of the database) as a closed data reader does.
                raw.sqlite3_reset(_statement);
            }
        }

        public void Dispose() => _statement.Dispose();

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
                SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
