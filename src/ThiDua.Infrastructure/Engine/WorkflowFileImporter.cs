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
        var texts = await ReadFolderAsync(folder, ct);
        // A file whose exact content was imported before (the content names the definition) was valid then and is
        // skipped before it is read or validated: the usual restart changes nothing, and validating means loading
        // every published chain, a third of the start-up time.
        var hashes = texts.Select(t => t.Hash).ToList();
        var imported = (await db.DefinitionVersions.Where(v => v.SourceHash != null && hashes.Contains(v.SourceHash)).Select(v => v.SourceHash!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var files = new Dictionary<string, (WorkflowDefinition Definition, string Hash)>(StringComparer.Ordinal);
        foreach (var (file, text, hash) in texts.Where(t => !imported.Contains(t.Hash)))
        {
            var read = DefinitionReader.Read(text);
            if (!read.Success)
            {
                problems.Add($"{Path.GetFileName(file)}: {string.Join("; ", read.Errors)}");
                continue;
            }
            files[read.Definition!.Id] = (read.Definition, hash);
        }
        if (files.Count > 0)
            await PublishAsync(files, problems, ct);
        foreach (var p in problems)
            log.LogError("Workflow file rejected: {Problem}", p);
        return problems;
    }

    /// <summary>The folder's chain files with the hash that tells whether a file's exact content was imported before.</summary>
    public static async Task<IReadOnlyList<(string File, string Text, string Hash)>> ReadFolderAsync(string folder, CancellationToken ct)
    {
        var texts = new List<(string File, string Text, string Hash)>();
        if (!Directory.Exists(folder))
            return texts;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, ct);
            texts.Add((file, text, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))));
        }
        return texts;
    }

    private async Task PublishAsync(Dictionary<string, (WorkflowDefinition Definition, string Hash)> files, List<string> problems, CancellationToken ct)
    {
        var context = await store.ValidationContextAsync(ct, files.ToDictionary(f => f.Key, f => f.Value.Definition));
        foreach (var (id, (definition, hash)) in files)
        {
            var errors = DefinitionValidator.Default.Validate(definition, context);
            if (errors.Count > 0)
            {
                problems.Add($"{id}.json: {string.Join("; ", errors)}");
                continue;
            }
            var version = await store.PublishAsync(db, definition, "workflows/" + id + ".json", "Nạp từ tệp", hash, ct);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Published workflow {Id} v{Version} from file", id, version);
        }
    }
}
