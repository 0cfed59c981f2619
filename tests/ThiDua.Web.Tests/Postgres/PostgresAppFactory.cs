using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Postgres;

/// <summary>The application on a database of the shared test PostgreSQL server.</summary>
public sealed class PostgresAppFactory(string connectionString, bool seedDemo = true) : ThiDuaAppFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["Database:Provider"] = "Postgres";
            s["Database:ConnectionString"] = connectionString;
            s["Demo:Seed"] = seedDemo ? "true" : "false";
            return s;
        }
    }
}
