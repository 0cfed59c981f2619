using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>SQLite: the grant's copies of the dossier's state, date and due time follow every workflow step.</summary>
public sealed class AccessCopiesTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public Task Each_grant_carries_the_dossiers_state_date_and_due_time_after_every_step() => AccessCopies.RunScenarioAsync(app);
}
