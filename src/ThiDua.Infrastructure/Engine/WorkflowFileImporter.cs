using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Infrastructure.Engine;

/// <summary>
/// Loads workflows/*.json at startup. A file is published as a new version only when its content changed
/// since it was last imported, so editing a chain in the designer is not undone by the next restart,
/// and an invalid file is reported and skipped rather than taking the application down.
/// </summary>
public sealed class WorkflowFileImporter(ThiDuaDbContext db, DefinitionStore store, ILogger<WorkflowFileImporter> log)
{
    public async Task<IReadOnlyList<string>> ImportAsync(string folder, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!Directory.Exists(folder))
        {
            problems.Add($"Không có thư mục quy trình {folder}.");
            return problems;
        }
        var files = new Dictionary<string, (WorkflowDefinition Definition, string Hash)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, ct);
            var read = DefinitionReader.Read(text);
            if (!read.Success)
            {
                problems.Add($"{Path.GetFileName(file)}: {string.Join("; ", read.Errors)}");
                continue;
            }
            files[read.Definition!.Id] = (read.Definition, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        }

        var context = await store.ValidationContextAsync(ct, files.ToDictionary(f => f.Key, f => f.Value.Definition));
        foreach (var (id, (definition, hash)) in files)
        {
            var errors = DefinitionValidator.Default.Validate(definition, context);
            if (errors.Count > 0)
            {
                problems.Add($"{id}.json: {string.Join("; ", errors)}");
                continue;
            }
            var alreadyImported = await db.DefinitionVersions.AnyAsync(v => v.DefinitionId == id && v.SourceHash == hash, ct);
            if (alreadyImported)
                continue;
            var version = await store.PublishAsync(db, definition, "workflows/" + id + ".json", "Nạp từ tệp", hash, ct);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Published workflow {Id} v{Version} from file", id, version);
        }
        foreach (var p in problems)
            log.LogError("Workflow file rejected: {Problem}", p);
        return problems;
    }
}
