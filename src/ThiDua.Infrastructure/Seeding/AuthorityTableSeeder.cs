using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Infrastructure.Seeding;

/// <summary>Loads the authority table from workflows/authority/award-forms.json into an empty database; afterwards the table is edited in the app.</summary>
public static class AuthorityTableSeeder
{
    private sealed record File(List<Row> AwardForms);

    private sealed record Row(string Code, string Name, string DecidedBy, string DecidingLevel, string Definition, List<string>? NomineeKinds);

    public static async Task SeedAsync(ThiDuaDbContext db, string path, CancellationToken ct)
    {
        if (await db.AwardForms.AnyAsync(ct) || !System.IO.File.Exists(path))
            return;
        await using var stream = System.IO.File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<File>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web), ct)
            ?? throw new InvalidDataException($"{path} is empty.");
        var order = 0;
        foreach (var r in file.AwardForms)
        {
            db.AwardForms.Add(new AwardForm
            {
                Code = r.Code,
                Name = r.Name,
                DecidedBy = r.DecidedBy,
                DecidingLevel = r.DecidingLevel,
                DefinitionId = r.Definition,
                NomineeKinds = string.Join(',', r.NomineeKinds ?? [.. NomineeKinds.All]),
                SortOrder = ++order,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
