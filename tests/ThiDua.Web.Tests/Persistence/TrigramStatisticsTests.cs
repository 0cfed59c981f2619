using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>The counts the trigram choice is steered by are the search index's own, and the index's size.</summary>
public sealed class TrigramStatisticsTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task A_trigram_is_counted_in_as_many_dossiers_as_hold_it()
    {
        var (rows, total) = await app.RunAsync(sp => sp.GetRequiredService<TrigramStatistics>()
            .ForAsync(sp.GetRequiredService<ThiDua.Infrastructure.Persistence.ThiDuaDbContext>(), ["ngu", "zzq"], CancellationToken.None));
        var holding = await app.DbAsync(db => db.Dossiers.CountAsync(d => d.NomineeSearch.Contains("ngu") || d.Code.ToLower().Contains("ngu")));
        var dossiers = await app.DbAsync(db => db.Dossiers.CountAsync());

        Assert.True(holding > 0, "the demo data has a Nguyễn");
        Assert.Equal(holding, rows["ngu"]);
        Assert.Equal(0, rows["zzq"]);
        Assert.True(total >= dossiers && dossiers > 0, $"index size {total}, dossiers {dossiers}");
    }
}
