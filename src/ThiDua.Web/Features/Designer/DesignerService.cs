using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Engine;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Web.Features.Designer;

public sealed record DefinitionSummary(
    string Id, string Name, int? LatestVersion, DateTime? PublishedAt, string? PublishedBy,
    bool HasDraft, DateTime? DraftUpdatedAt, string? DraftUpdatedBy, int? DraftBasedOnVersion);

public sealed record VersionInfo(int Version, string Name, DateTime PublishedAt, string? PublishedBy, string? Note);

public sealed record DraftInfo(JsonObject Definition, DateTime UpdatedAt, string? UpdatedBy, int? BasedOnVersion);

/// <summary>What the editor loads: the latest published content, the draft if there is one, and the history.</summary>
public sealed record EditorState(string Id, int? LatestVersion, JsonObject? Published, DraftInfo? Draft, IReadOnlyList<VersionInfo> Versions);

/// <summary>A definition that may not be published (or imported) as it is, with every located problem.</summary>
public sealed class DefinitionRejectedException(string message, IReadOnlyList<ValidationError> errors) : Exception(message)
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

/// <summary>
/// Drafts, publishing, history, rollback, import and export of definitions for the designer. Every check goes
/// through <see cref="DefinitionReader"/> and <see cref="DefinitionValidator"/>, the same ones the engine and
/// the file importer use, so the designer can never publish what the engine would refuse.
/// </summary>
public sealed class DesignerService(ThiDuaDbContext db, DefinitionStore store, TimeProvider time, ThiDua.Infrastructure.Audit.AuditLog audit)
{
    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct)
    {
        var versions = await db.DefinitionVersions.AsNoTracking()
            .Select(v => new { v.DefinitionId, v.Version, v.Name, v.PublishedAt, v.PublishedBy })
            .ToListAsync(ct);
        var latest = versions.GroupBy(v => v.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!, StringComparer.Ordinal);
        var drafts = await db.Drafts.AsNoTracking().ToDictionaryAsync(d => d.DefinitionId, StringComparer.Ordinal, ct);
        return latest.Keys.Union(drafts.Keys)
            .Select(id =>
            {
                var v = latest.GetValueOrDefault(id);
                var d = drafts.GetValueOrDefault(id);
                var name = v?.Name ?? (d is null ? id : NameOf(d.Json) ?? id);
                return new DefinitionSummary(id, name, v?.Version, v?.PublishedAt, v?.PublishedBy, d is not null, d?.UpdatedAt, d?.UpdatedBy, d?.BasedOnVersion);
            })
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<EditorState> GetAsync(string id, CancellationToken ct)
    {
        var versions = await VersionsAsync(id, ct);
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == id, ct);
        if (versions.Count == 0 && draft is null)
            throw AppException.NotFound($"quy trình '{id}'");
        int? latest = versions.Count == 0 ? null : versions[^1].Version;
        var published = latest is { } v ? Parse(await VersionJsonAsync(id, v, ct)) : null;
        var draftInfo = draft is null ? null : new DraftInfo(Parse(draft.Json), draft.UpdatedAt, draft.UpdatedBy, draft.BasedOnVersion);
        return new EditorState(id, latest, published, draftInfo, versions);
    }

    public async Task<IReadOnlyList<VersionInfo>> VersionsAsync(string id, CancellationToken ct) =>
        await db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id).OrderBy(v => v.Version)
            .Select(v => new VersionInfo(v.Version, v.Name, v.PublishedAt, v.PublishedBy, v.Note)).ToListAsync(ct);

    public async Task<string> VersionJsonAsync(string id, int version, CancellationToken ct) =>
        await db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == id && v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound($"phiên bản {version} của quy trình '{id}'");

    /// <summary>Reads and validates like the engine does: reader errors first, then the validator's, each located.</summary>
    public async Task<(WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors)> ValidateAsync(string json, CancellationToken ct)
    {
        var read = DefinitionReader.Read(json);
        if (read.Definition is null)
            return (null, read.Errors);
        var context = await store.ValidationContextAsync(ct, new Dictionary<string, WorkflowDefinition> { [read.Definition.Id] = read.Definition });
        var errors = read.Errors.Concat(DefinitionValidator.Default.Validate(read.Definition, context)).ToList();
        return (read.Definition, errors);
    }

    public async Task<DraftInfo> SaveDraftAsync(CurrentUser me, string id, JsonObject definition, int? basedOnVersion, CancellationToken ct)
    {
        var read = DefinitionReader.Read(definition.ToJsonString());
        if (read.Definition is null)
            throw new DefinitionRejectedException("Bản nháp không đọc được.", read.Errors);
        EnsureSameId(id, read.Definition);
        var json = DefinitionWriter.Write(read.Definition);
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.DefinitionId == id, ct);
        if (draft is null)
            db.Drafts.Add(draft = new WorkflowDraft { DefinitionId = id, Json = json });
        draft.Json = json;
        draft.UpdatedAt = time.GetUtcNow().UtcDateTime;
        draft.UpdatedBy = Who(me);
        draft.BasedOnVersion = basedOnVersion ?? await LatestVersionAsync(id, ct);
        await db.SaveChangesAsync(ct);
        return new DraftInfo(Parse(json), draft.UpdatedAt, draft.UpdatedBy, draft.BasedOnVersion);
    }

    public async Task DiscardDraftAsync(string id, CancellationToken ct) =>
        await db.Drafts.Where(d => d.DefinitionId == id).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Publishes the given content (or the saved draft) as the next version and deletes the draft. Refused while
    /// the validator reports anything, and when someone published a newer version since the editor loaded.
    /// </summary>
    public async Task<int> PublishAsync(CurrentUser me, string id, JsonObject? definition, string? note, int? basedOnVersion, CancellationToken ct)
    {
        string json;
        if (definition is not null)
            json = definition.ToJsonString();
        else
            json = await db.Drafts.AsNoTracking().Where(d => d.DefinitionId == id).Select(d => d.Json).FirstOrDefaultAsync(ct)
                ?? throw new AppException(AppErrorKind.Rule, "Không có bản nháp để ban hành.");
        var latest = await LatestVersionAsync(id, ct);
        if (basedOnVersion is { } based && latest is { } l && l != based)
            throw new AppException(AppErrorKind.Conflict,
                $"Quy trình vừa được ban hành phiên bản {l} trong khi bạn sửa từ phiên bản {based}. Hãy xem lịch sử phiên bản rồi sửa lại từ bản mới nhất.");
        var definitionRead = await ValidOrThrowAsync(json, "Quy trình còn lỗi, chưa ban hành được.", ct);
        EnsureSameId(id, definitionRead);
        return await PublishCoreAsync(me, definitionRead, string.IsNullOrWhiteSpace(note) ? "Ban hành từ trình thiết kế" : note.Trim(), ct);
    }

    /// <summary>Publishes version N's content again as a new version: history is never rewritten, and running instances keep their versions.</summary>
    public async Task<int> RollbackAsync(CurrentUser me, string id, int version, string? note, CancellationToken ct)
    {
        var json = await VersionJsonAsync(id, version, ct);
        var definition = await ValidOrThrowAsync(json, $"Nội dung phiên bản {version} không còn hợp lệ (ví dụ quy trình con đã thay đổi), không khôi phục được.", ct);
        var text = $"Khôi phục nội dung phiên bản {version}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}");
        return await PublishCoreAsync(me, definition, text, ct);
    }

    /// <summary>Reads a definition file; when it reads cleanly it becomes the draft of its id, with the validator's findings returned for the designer to show.</summary>
    public async Task<(string Id, IReadOnlyList<ValidationError> Errors)> ImportAsync(CurrentUser me, string json, CancellationToken ct)
    {
        var read = DefinitionReader.Read(json);
        if (read.Definition is null || read.Errors.Count > 0)
            throw new DefinitionRejectedException("Tệp quy trình không đọc được.", read.Errors);
        var (_, errors) = await ValidateAsync(json, ct);
        await SaveDraftAsync(me, read.Definition.Id, DefinitionWriter.ToJson(read.Definition), null, ct);
        return (read.Definition.Id, errors);
    }

    /// <summary>A version (or the draft when <paramref name="version"/> is null) written exactly as workflows/*.json are written.</summary>
    public async Task<string> ExportAsync(string id, int? version, bool draft, CancellationToken ct)
    {
        string json;
        if (draft)
            json = await db.Drafts.AsNoTracking().Where(d => d.DefinitionId == id).Select(d => d.Json).FirstOrDefaultAsync(ct)
                ?? throw AppException.NotFound($"bản nháp của quy trình '{id}'");
        else
            json = await VersionJsonAsync(id, version ?? await LatestVersionAsync(id, ct) ?? throw AppException.NotFound($"quy trình '{id}'"), ct);
        var read = DefinitionReader.Read(json);
        return read.Definition is null ? json : DefinitionWriter.Write(read.Definition);
    }

    /// <summary>Loads two sides for a diff: a version number, or "draft".</summary>
    public async Task<DefinitionDiff> DiffAsync(string id, string from, string to, CancellationToken ct)
    {
        var left = await SideAsync(id, from, ct);
        var right = await SideAsync(id, to, ct);
        return DefinitionDiffer.Compare(left, right, ActivityRegistry.Default);
    }

    private async Task<WorkflowDefinition> SideAsync(string id, string side, CancellationToken ct)
    {
        string json;
        var version = 0;
        if (side == "draft")
            json = await db.Drafts.AsNoTracking().Where(d => d.DefinitionId == id).Select(d => d.Json).FirstOrDefaultAsync(ct)
                ?? throw AppException.NotFound($"bản nháp của quy trình '{id}'");
        else if (int.TryParse(side, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version))
            json = await VersionJsonAsync(id, version, ct);
        else
            throw AppException.Invalid("version", "Phiên bản phải là một số hoặc \"draft\".");
        return DefinitionReader.Read(json, version).Definition ?? throw new AppException(AppErrorKind.Rule, $"Phiên bản {side} không đọc được.");
    }

    private async Task<WorkflowDefinition> ValidOrThrowAsync(string json, string message, CancellationToken ct)
    {
        var (definition, errors) = await ValidateAsync(json, ct);
        if (definition is null || errors.Count > 0)
            throw new DefinitionRejectedException(message, errors);
        return definition;
    }

    private async Task<int> PublishCoreAsync(CurrentUser me, WorkflowDefinition definition, string note, CancellationToken ct)
    {
        var version = await store.PublishAsync(db, definition, Who(me), note, null, ct);
        // Removed in the same SaveChanges as the new version: both happen or neither does.
        if (await db.Drafts.FirstOrDefaultAsync(d => d.DefinitionId == definition.Id, ct) is { } draft)
            db.Drafts.Remove(draft);
        audit.Record("definition.publish", me, "definition:" + definition.Id, $"v{version}: {note}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (DefinitionId, Version) index: someone published the same number a moment ago.
            db.ChangeTracker.Clear();
            throw new AppException(AppErrorKind.Conflict, "Quy trình vừa được người khác ban hành. Hãy tải lại và thử lại.");
        }
        return version;
    }

    private async Task<int?> LatestVersionAsync(string id, CancellationToken ct) =>
        await db.DefinitionVersions.Where(v => v.DefinitionId == id).MaxAsync(v => (int?)v.Version, ct);

    private static void EnsureSameId(string id, WorkflowDefinition definition)
    {
        if (definition.Id != id)
            throw new DefinitionRejectedException("Mã quy trình không khớp.",
                [new ValidationError("id", $"Mã quy trình trong nội dung ('{definition.Id}') khác với quy trình đang sửa ('{id}').", Field: "id")]);
    }

    private static string Who(CurrentUser me) => $"{me.DisplayName} ({me.Username})";

    private static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    private static string? NameOf(string json) =>
        (JsonNode.Parse(json) as JsonObject)?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
}
