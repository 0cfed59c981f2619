using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Persistence;
using SQLitePCL;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// The write turn binds the values each run converted beforehand (SqliteBoundValue, SqliteTurnStatements) instead of
/// letting Microsoft.Data.Sqlite bind them. What must hold for a user: every value is stored exactly as
/// Microsoft.Data.Sqlite would have stored it (same storage class, same bytes), so every screen and query finds it; a
/// value converted differently would be a date or a key that no longer matches.
/// </summary>
public sealed class TurnBindingTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"thidua-binding-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;

    public TurnBindingTests()
    {
        _connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        // No declared type: the column keeps whatever storage class the value was bound with.
        create.CommandText = "CREATE TABLE \"Stored\" (\"Way\" TEXT NOT NULL, \"Value\");";
        create.ExecuteNonQuery();
    }

    public static TheoryData<string, object, SqliteType?, int?> Converted => new()
    {
        { "Vietnamese text", "Nguyễn Thị Hoa – Bằng khen", null, null },
        { "empty text", "", null, null },
        { "text cut to its size", "Chủ tịch", null, 3 },
        { "text with size -1", "Chủ tịch", null, -1 },
        { "text cut to nothing", "Chủ tịch", null, 0 },
        { "text shorter than its size", "Chủ tịch", null, 50 },
        { "guid cut to its size", Guid.Parse("0b6f3c52-8d7e-4a51-9c0d-2f4e6a8b1c3d"), null, 8 },
        { "guid blob cut to its size", Guid.Parse("0b6f3c52-8d7e-4a51-9c0d-2f4e6a8b1c3d"), SqliteType.Blob, 4 },
        { "date cut to its size", new DateTime(2026, 11, 3, 8, 30, 15, DateTimeKind.Utc), null, 10 },
        { "null", DBNull.Value, null, null },
        { "int", -42, null, null },
        { "long", long.MaxValue, null, null },
        { "short", (short)-7, null, null },
        { "byte", (byte)200, null, null },
        { "sbyte", (sbyte)-5, null, null },
        { "ushort", ushort.MaxValue, null, null },
        { "uint", uint.MaxValue, null, null },
        { "ulong", ulong.MaxValue, null, null },
        { "true", true, null, null },
        { "false", false, null, null },
        { "enum", BookmarkStatus.Completed, null, null },
        { "long enum", LongEnum.Big, null, null },
        { "double", 0.1, null, null },
        { "float", 1.3f, null, null },
        { "guid", Guid.Parse("0b6f3c52-8d7e-4a51-9c0d-2f4e6a8b1c3d"), null, null },
        { "guid as blob", Guid.Parse("0b6f3c52-8d7e-4a51-9c0d-2f4e6a8b1c3d"), SqliteType.Blob, null },
        { "utc date with ticks", new DateTime(2026, 11, 3, 8, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567), null, null },
        { "whole-second date", new DateTime(2026, 1, 31, 23, 59, 59, DateTimeKind.Utc), null, null },
        { "local date", new DateTime(2026, 11, 3, 8, 30, 15, 500, DateTimeKind.Local), null, null },
        { "unspecified date", new DateTime(2026, 11, 3), null, null },
        { "blob", new byte[] { 1, 2, 0, 255 }, null, null },
        { "blob cut to its size", new byte[] { 1, 2, 3, 4 }, null, 2 },
        { "empty blob", Array.Empty<byte>(), null, null },
        { "blob cut to nothing", new byte[] { 1, 2 }, null, 0 },
        { "long Vietnamese text", string.Concat(Enumerable.Repeat("Đề nghị tặng Bằng khen ", 40)), null, null },
    };

    /// <summary>Values the turn leaves to Microsoft.Data.Sqlite: stored all the same, by its binding.</summary>
    public static TheoryData<string, object, SqliteType?, int?> LeftToMicrosoftDataSqlite => new()
    {
        { "decimal", 12.50m, null, null },
        { "date as a number", new DateTime(2026, 11, 3, 8, 30, 15, DateTimeKind.Utc), SqliteType.Real, null },
        { "date with offset", new DateTimeOffset(2026, 11, 3, 8, 30, 15, TimeSpan.FromHours(7)), null, null },
        { "time span", TimeSpan.FromMinutes(95), null, null },
        { "char", 'Đ', null, null },
        // Microsoft.Data.Sqlite hands SQLite a text over 512 UTF-8 bytes zero-terminated: SQLite keeps it up to the NUL.
        { "long text with a NUL", new string('a', 600) + "\0tail", null, null },
        { "short text with a NUL", "a\0b", null, null },
    };

    [Theory]
    [MemberData(nameof(Converted))]
    public void A_value_converted_beforehand_is_stored_as_Microsoft_Data_Sqlite_stores_it(string what, object value, SqliteType? type, int? size)
    {
        var statement = Insert("turn", Parameter(value, type, size));
        Assert.True(statement.Values is not null, $"{what}: not converted beforehand");

        Assert.Equal(StoredByMicrosoftDataSqlite(value, type, size), StoredByTurn(statement));
    }

    [Theory]
    [MemberData(nameof(LeftToMicrosoftDataSqlite))]
    public void A_value_not_converted_beforehand_is_still_stored(string what, object value, SqliteType? type, int? size)
    {
        var statement = Insert("turn", Parameter(value, type, size));
        Assert.True(statement.Values is null, $"{what}: converted, though the turn does not know its conversion");

        Assert.Equal(StoredByMicrosoftDataSqlite(value, type, size), StoredByTurn(statement));
    }

    [Fact]
    public void Values_Microsoft_Data_Sqlite_refuses_or_finds_its_own_way_are_left_to_it()
    {
        // A name without its prefix (found under any of three) and an sbyte[] (which the runtime lets pass as a byte[]).
        var unprefixed = new RecordedStatement("INSERT INTO \"Stored\" VALUES ('turn', @p0);", [new SqliteParameter("p0", "không tiền tố")], checksVersion: false);
        Assert.Null(unprefixed.Values);
        Assert.StartsWith("text:'không tiền tố':", StoredByTurn(unprefixed));

        var signed = Insert("turn", new SqliteParameter("@p0", new sbyte[] { 1, -1 }));
        Assert.Null(signed.Values);
        using var turn = new SqliteTurnStatements(_connection);
        using var transaction = _connection.BeginTransaction();
        Assert.ThrowsAny<InvalidOperationException>(() => turn.Run(transaction, [signed]));
    }

    [Fact]
    public void The_turns_statements_are_finalized_before_its_connection_goes_back_to_the_pool()
    {
        var pooled = $"Data Source={_file};Pooling=True";
        using (var connection = new SqliteConnection(pooled))
        {
            connection.Open();
            using var turn = new SqliteTurnStatements(connection);
            using var transaction = connection.BeginTransaction();
            turn.Run(transaction, [Insert("turn", new SqliteParameter("@p0", "x"))]);
            transaction.Commit();
            Assert.Equal(1, turn.CompiledCount);
        }
        // The pool hands the same native connection back: a statement left compiled on it would still be listed.
        using var again = new SqliteConnection(pooled);
        again.Open();
        Assert.Null(raw.sqlite3_next_stmt(again.Handle!, null));
        SqliteConnection.ClearPool(again);
    }

    [Fact]
    public void A_parameter_the_statement_does_not_name_is_left_out_and_one_it_names_without_a_value_is_refused()
    {
        var extra = new SqliteParameter("@unused", "x");
        Assert.Equal("text:'ok':6F6B", StoredByTurn(Insert("turn", new SqliteParameter("@p0", "ok"), extra)));

        using var turn = new SqliteTurnStatements(_connection);
        using var transaction = _connection.BeginTransaction();
        // Microsoft.Data.Sqlite refuses to run a statement with a parameter left without a value; so does the turn.
        var missing = new RecordedStatement("INSERT INTO \"Stored\" VALUES ('turn', @p0 || @p1);", [new SqliteParameter("@p0", "a")], checksVersion: false);
        Assert.ThrowsAny<InvalidOperationException>(() => turn.Run(transaction, [missing]));
    }

    [Fact]
    public void A_statement_SQLite_cannot_compile_inside_the_turns_transaction_fails_with_SQLites_own_message()
    {
        using var turn = new SqliteTurnStatements(_connection);
        using var transaction = _connection.BeginTransaction();
        var error = Assert.Throws<SqliteException>(() => turn.Run("SAVEPOINT;"));
        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public void A_version_check_that_finds_no_row_and_a_failing_statement_fail_the_save()
    {
        using var turn = new SqliteTurnStatements(_connection);
        using var transaction = _connection.BeginTransaction();
        var check = new RecordedStatement("UPDATE \"Stored\" SET \"Value\" = @p0 WHERE \"Way\" = @p1 RETURNING 1;",
            [new SqliteParameter("@p0", 1), new SqliteParameter("@p1", "nobody")], checksVersion: true);
        Assert.Throws<DbUpdateConcurrencyException>(() => turn.Run(transaction, [check]));

        var failing = new RecordedStatement("INSERT INTO \"Stored\" VALUES (@p0, 1);", [new SqliteParameter("@p0", DBNull.Value)], checksVersion: false);
        var error = Assert.Throws<DbUpdateException>(() => turn.Run(transaction, [failing]));
        Assert.Contains("NOT NULL", Assert.IsType<SqliteException>(error.InnerException).Message);
    }

    /// <summary>
    /// A version check without RETURNING (as the write turn's own updates are) is judged by the rows the statement itself
    /// changed: not by the statement before it, nor by the rows its triggers changed. Bound by the turn and, for a
    /// parameter named without its prefix, by Microsoft.Data.Sqlite.
    /// </summary>
    [Theory]
    [InlineData("@p1")]
    [InlineData("p1")]
    public void A_version_check_without_RETURNING_counts_the_rows_it_changed_itself(string wayName)
    {
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = """
                CREATE TABLE "Copies" ("Way" TEXT NOT NULL);
                CREATE TRIGGER "Stored_Copied" AFTER UPDATE ON "Stored" BEGIN
                    INSERT INTO "Copies" VALUES (new."Way"), (new."Way");
                END;
                """;
            setup.ExecuteNonQuery();
        }
        using var turn = new SqliteTurnStatements(_connection);
        using var transaction = _connection.BeginTransaction();
        RecordedStatement Check(string way) =>
            new("UPDATE \"Stored\" SET \"Value\" = @p0 WHERE \"Way\" = " + (wayName.StartsWith('@') ? wayName : "@" + wayName) + ";",
                [new SqliteParameter("@p0", 2), new SqliteParameter(wayName, way)], checksVersion: true);

        // The insert just before changed a row; the check that finds none still fails.
        Assert.Throws<DbUpdateConcurrencyException>(() => turn.Run(transaction, [Insert("mine", new SqliteParameter("@p0", 1)), Check("nobody")]));

        turn.Run(transaction, [Check("mine")]);
        using var read = _connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT (SELECT \"Value\" FROM \"Stored\" WHERE \"Way\" = 'mine'), (SELECT COUNT(*) FROM \"Copies\");";
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(2L, reader.GetInt64(0));
        Assert.Equal(2L, reader.GetInt64(1));
    }

    public void Dispose()
    {
        _connection.Dispose();
        File.Delete(_file);
    }

    private static SqliteParameter Parameter(object value, SqliteType? type, int? size)
    {
        var parameter = new SqliteParameter("@p0", value);
        if (size is { } s)
            parameter.Size = s;
        if (type is { } t)
            parameter.SqliteType = t;
        return parameter;
    }

    private static RecordedStatement Insert(string way, params SqliteParameter[] parameters) =>
        new($"INSERT INTO \"Stored\" VALUES ('{way}', @p0);", parameters, checksVersion: false);

    private string StoredByMicrosoftDataSqlite(object value, SqliteType? type, int? size)
    {
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"Stored\" VALUES ('microsoft', @p0);";
        insert.Parameters.Add(Parameter(value, type, size));
        insert.ExecuteNonQuery();
        return Stored("microsoft");
    }

    private string StoredByTurn(RecordedStatement statement)
    {
        using (var turn = new SqliteTurnStatements(_connection))
        using (var transaction = _connection.BeginTransaction())
        {
            turn.Run(transaction, [statement]);
            transaction.Commit();
            // A statement with converted values is run on the turn's own compiled statement, not handed back.
            Assert.Equal(statement.Values is null ? 0 : 1, turn.CompiledCount);
        }
        return Stored("turn");
    }

    /// <summary>
    /// The stored value with its storage class (quote() writes texts quoted, blobs as X'..', numbers bare) and its bytes
    /// (quote() stops at a NUL inside a text).
    /// </summary>
    private string Stored(string way)
    {
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT typeof(\"Value\") || ':' || quote(\"Value\") || ':' || hex(\"Value\") FROM \"Stored\" WHERE \"Way\" = @way;";
        read.Parameters.AddWithValue("@way", way);
        return (string)read.ExecuteScalar()!;
    }

    private enum LongEnum : long { Big = long.MaxValue - 1 }
}
