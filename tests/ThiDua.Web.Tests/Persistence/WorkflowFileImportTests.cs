using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Engine;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Persistence;

/// <summary>
/// workflows/*.json at start-up: an unchanged file publishes nothing (a chain edited in the designer is not undone by a
/// restart), a changed file publishes one new version, and a broken file is reported without stopping the others.
/// </summary>
public sealed class WorkflowFileImportTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Only_changed_files_become_new_versions_and_a_broken_file_is_reported()
    {
        var folder = Directory.CreateTempSubdirectory("thidua-workflows-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var before = await VersionsAsync();
            Assert.NotEmpty(before);

            // The same files the host imported when it started: nothing new.
            Assert.Empty(await ImportAsync(folder));
            Assert.Equal(before, await VersionsAsync());

            // One chain renamed in its file, one file broken.
            var path = Path.Combine(folder, "giay-khen.json");
            var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
            json["name"] = "Giấy khen của Giám đốc Sở (sửa trong tệp)";
            await File.WriteAllTextAsync(path, json.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(folder, "hong.json"), "{ \"id\": \"hong\", \"nodes\": [");

            var problems = await ImportAsync(folder);
            Assert.Contains(problems, p => p.StartsWith("hong.json", StringComparison.Ordinal));
            var after = await VersionsAsync();
            Assert.Equal(before["giay-khen"] + 1, after["giay-khen"]);
            Assert.Equal(before.Where(v => v.Key != "giay-khen"), after.Where(v => v.Key != "giay-khen"));
            var latest = await app.DbAsync(db => db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == "giay-khen")
                .OrderByDescending(v => v.Version).FirstAsync());
            Assert.Equal("Giấy khen của Giám đốc Sở (sửa trong tệp)", latest.Name);

            // The next start with the same files publishes nothing again.
            Assert.Single(await ImportAsync(folder));
            Assert.Equal(after, await VersionsAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<IReadOnlyList<string>> ImportAsync(string folder) =>
        app.RunAsync(sp => sp.GetRequiredService<WorkflowFileImporter>().ImportAsync(folder, CancellationToken.None));

    private Task<Dictionary<string, int>> VersionsAsync() =>
        app.DbAsync(db => db.DefinitionVersions.AsNoTracking().GroupBy(v => v.DefinitionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
}
