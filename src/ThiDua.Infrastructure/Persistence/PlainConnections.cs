using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>
/// An ADO.NET connection to the application's database without EF Core, for the few reads that must not wait for EF
/// Core's first context at start-up (the start-up check, the data-protection keys behind the login page's form).
/// </summary>
public static class PlainConnections
{
    /// <summary>
    /// Opened synchronously: the key ring's interface is synchronous, and the start-up check runs on a thread of its own
    /// (Microsoft.Data.Sqlite's async open completes synchronously anyway).
    /// </summary>
    public static DbConnection Open(DatabaseOptions options)
    {
        var connection = Create(options);
        try
        {
            connection.Open();
            if (!options.IsPostgres)
            {
                using var pragma = connection.Command(BusyTimeout);
                pragma.ExecuteNonQuery();
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static DbConnection Create(DatabaseOptions options) => options.IsPostgres
        ? new NpgsqlConnection(options.ResolvedConnectionString)
        : new SqliteConnection(options.ResolvedConnectionString);

    /// <summary>Waits inside SQLite for a writer instead of Microsoft.Data.Sqlite's 150 ms sleeps (see SqlitePragmaInterceptor).</summary>
    private static readonly string BusyTimeout = $"PRAGMA busy_timeout={SqlitePragmaInterceptor.BusyTimeoutMs};";

    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
