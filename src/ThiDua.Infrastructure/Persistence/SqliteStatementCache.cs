using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// Keeps SQLite's compiled statements per open connection and runs EF Core's commands on them.
/// <para>
/// Microsoft.Data.Sqlite compiles a command's SQL again for every new command object (dotnet/efcore#14044), and EF Core
/// makes a new one for every query and every row it saves. An approval runs about thirty statements of a few dozen
/// shapes; compiling them (parse, resolve, code generation) was about a quarter of its CPU, and the writes' share of it
/// was spent inside the serial write turn (<see cref="SqliteGroupCommit"/>). Here each shape is compiled once per
/// connection and then only bound and stepped.
/// </para>
/// <para>
/// A context whose save is being recorded for the group commit (<see cref="ThiDuaDbContext.SaveRecording"/>) has its
/// commands written down instead (<see cref="SqliteSaveRecording"/>), to be run in the write turn
/// (<see cref="SqliteTurnStatements"/>).
/// </para>
/// </summary>
public sealed class SqliteStatementCache : DbCommandInterceptor
{
    /// <summary>
    /// Shapes kept per connection. Dozens are in steady use; the bound keeps a connection that sees many one-off texts
    /// (an import, the board's searches) from holding them all: when it is full it starts again empty.
    /// </summary>
    public const int PerConnection = 96;

    /// <summary>Longer texts are one-off (lists spelled out, migrations) and not worth a compiled copy.</summary>
    private const int MaxTextLength = 6000;

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> Kept = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult)
            return result;
        if (RecordingOf(eventData) is { } recording)
            return InterceptionResult<DbDataReader>.SuppressWithResult(recording.Record(command));
        return Rent(command) is { } rented ? InterceptionResult<DbDataReader>.SuppressWithResult(rented.ExecuteReader()) : result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (result.HasResult)
            return result;
        if (RecordingOf(eventData) is { } recording)
        {
            recording.Record(command).Dispose();
            return InterceptionResult<int>.SuppressWithResult(1);
        }
        return Rent(command) is { } rented ? InterceptionResult<int>.SuppressWithResult(rented.Command.ExecuteNonQuery()) : result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (result.HasResult)
            return result;
        // A save's statements are readers and non-queries; a scalar while recording would be a read the recording cannot answer.
        if (RecordingOf(eventData) is not null)
            throw new InvalidOperationException(SqliteSaveRecording.QueryWhileRecording);
        return Rent(command) is { } rented ? InterceptionResult<object>.SuppressWithResult(rented.Command.ExecuteScalar()!) : result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    /// <summary>How many compiled shapes the connection keeps now (tests check the reuse through it).</summary>
    public static int CountOn(SqliteConnection connection) => Kept.TryGetValue(connection, out var kept) ? kept.Count : 0;

    /// <summary>
    /// Runs one recorded statement inside the write turn's transaction, on a statement kept for the turn's connection:
    /// for a statement whose values <see cref="SqliteTurnStatements"/> cannot bind itself. Whether it gave a row or changed one.
    /// </summary>
    internal static bool Replay(SqliteConnection connection, SqliteTransaction transaction, RecordedStatement statement)
    {
        var command = Kept.GetValue(connection, static c => new Statements(c)).Rent(statement.Sql).Bind(transaction, statement.Parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() || reader.RecordsAffected > 0;
    }

    private static SqliteSaveRecording? RecordingOf(CommandEventData eventData) => (eventData.Context as ThiDuaDbContext)?.SaveRecording;

    /// <summary>
    /// The kept command for this SQL on the command's connection, carrying its parameters and transaction; null to let
    /// EF Core run its own command (a text not worth keeping).
    /// </summary>
    private static Slot? Rent(DbCommand command)
    {
        if (!Worth(command.CommandText) || command.Connection is not SqliteConnection { State: ConnectionState.Open } connection)
            return null;
        var slot = Kept.GetValue(connection, static c => new Statements(c)).Rent(command.CommandText);
        slot.Bind(command.Transaction as SqliteTransaction, command.Parameters.Cast<SqliteParameter>()).CommandTimeout = command.CommandTimeout;
        return slot;
    }

    private static bool Worth(string sql) =>
        sql.Length <= MaxTextLength
        && (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

    /// <summary>A kept command and the reader it last gave (SqliteCommand refuses a second execution while it is open).</summary>
    private sealed class Slot(SqliteCommand command)
    {
        private SqliteDataReader? _reader;

        public SqliteCommand Command { get; } = command;

        public bool Busy => _reader is { IsClosed: false };

        /// <summary>The command with the given transaction and this execution's parameters.</summary>
        public SqliteCommand Bind(SqliteTransaction? transaction, IEnumerable<SqliteParameter> parameters)
        {
            Command.Transaction = transaction;
            Command.Parameters.Clear();
            foreach (var parameter in parameters)
                Command.Parameters.Add(parameter);
            return Command;
        }

        public DbDataReader ExecuteReader() => _reader = Command.ExecuteReader();
    }

    /// <summary>One connection's compiled commands; used by one context (or the write turn) at a time.</summary>
    private sealed class Statements
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, List<Slot>> _bySql = new(StringComparer.Ordinal);
        private int _count;

        public Statements(SqliteConnection connection)
        {
            _connection = connection;
            // Closing finalizes the connection's statements (its handle goes back to the pool, or away with a cleared
            // pool): start again empty.
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState != ConnectionState.Open)
                    Clear();
            };
        }

        public int Count
        {
            get
            {
                lock (_bySql)
                    return _count;
            }
        }

        /// <summary>
        /// A command for the text whose previous reader is closed; another one when a reader of the same text is still
        /// open (a query run inside the loop over its own results).
        /// </summary>
        public Slot Rent(string sql)
        {
            lock (_bySql)
            {
                if (_bySql.TryGetValue(sql, out var slots))
                {
                    foreach (var s in slots)
                        if (!s.Busy)
                            return s;
                }
                else
                {
                    if (_count >= PerConnection)
                        ClearLocked();
                    _bySql[sql] = slots = [];
                }
                var command = _connection.CreateCommand();
                command.CommandText = sql;
                var slot = new Slot(command);
                slots.Add(slot);
                _count++;
                return slot;
            }
        }

        private void Clear()
        {
            lock (_bySql)
                ClearLocked();
        }

        /// <summary>A command whose reader is still open is left to the connection, which disposes it when it closes.</summary>
        private void ClearLocked()
        {
            foreach (var slot in _bySql.Values.SelectMany(s => s))
                if (!slot.Busy)
                    slot.Command.Dispose();
            _bySql.Clear();
            _count = 0;
        }
    }
}
