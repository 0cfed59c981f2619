namespace ThiDua.Infrastructure.Persistence;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Sqlite (embedded, one node) or Postgres (several nodes, clustered scheduler).</summary>
    public string Provider { get; set; } = "Sqlite";

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
    /// <summary>A relative SQLite path is taken from the application's content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/thidua.db";
    /// <summary>FULL survives power loss; NORMAL is faster in WAL mode and still survives a process crash.</summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>
    /// Page cache of each SQLite connection kept for the tracking board's searches (see SqliteSearchContexts); 0 runs
    /// searches on the request's own connection with SQLite's 2 MB.
    /// </summary>
    public int SearchCacheMiB { get; set; } = 64;

    /// <summary>The connection string with a relative SQLite path made absolute; set at startup, shared by EF Core and Quartz.</summary>
    public string ResolvedConnectionString { get; set; } = "";
}
