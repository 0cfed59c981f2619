using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Postgres;

/// <summary>PostgreSQL: the grant's copies of the dossier's state, date and due time follow every workflow step.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccessCopiesTests(PostgresServer server)
{
    [Fact]
    public async Task Each_grant_carries_the_dossiers_state_date_and_due_time_after_every_step()
    {
        using var app = new PostgresAppFactory(await server.CreateDatabaseAsync("access_copies"));
        await AccessCopies.RunScenarioAsync(app);
    }
}
