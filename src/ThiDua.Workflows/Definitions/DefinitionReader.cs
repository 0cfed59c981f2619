using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Definitions;

/// <summary>
/// Reads a definition from JSON without throwing on bad input: everything wrong is returned as
/// located errors, because the same reader serves the designer, the API and files on disk.
/// </summary>
public static class DefinitionReader
{
    /// <summary>Inputs larger than this are refused before parsing; a chain is a few kilobytes.</summary>
    public const int MaxLength = 1_000_000;
    private const int MaxNodes = 2_000;
    private const int MaxEdges = 8_000;

    public static DefinitionReadResult Read(string json, int version = 0)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(json))
            return Fail(errors, "empty", "Nội dung quy trình trống.");
        if (json.Length > MaxLength)
            return Fail(errors, "too-large", $"Nội dung quy trình vượt quá {MaxLength:N0} ký tự.");

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return Fail(errors, "json", $"JSON không hợp lệ (dòng {ex.LineNumber + 1}, vị trí {ex.BytePositionInLine + 1}).");
        }

        if (root is not JsonObject obj)
            return Fail(errors, "json", "Quy trình phải là một đối tượng JSON.");

        var schema = String(obj, "$schema", errors, null);
        if (schema is null)
            errors.Add(new ValidationError("schema", "Thiếu \"$schema\".", Field: "$schema"));
        else if (schema != WorkflowDefinition.SchemaUri && !schema.EndsWith("workflow-definition.schema.json", StringComparison.Ordinal))
            errors.Add(new ValidationError("schema", $"\"$schema\" phải là {WorkflowDefinition.SchemaUri}.", Field: "$schema"));

        var id = String(obj, "id", errors, null);
        if (string.IsNullOrWhiteSpace(id))
            errors.Add(new ValidationError("required", "Thiếu mã quy trình (id).", Field: "id"));
        else if (!IsIdentifier(id))
            errors.Add(new ValidationError("id", "Mã quy trình chỉ gồm chữ thường không dấu, số và dấu gạch ngang.", Field: "id"));

        var name = String(obj, "name", errors, null);
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new ValidationError("required", "Thiếu tên quy trình (name).", Field: "name"));

        var nodes = ReadNodes(obj, errors);
        var edges = ReadEdges(obj, errors);

        var variables = obj["variables"] as JsonObject;
        var layout = obj["layout"] as JsonObject;
        if (obj["variables"] is not null and not JsonObject)
            errors.Add(new ValidationError("type", "\"variables\" phải là đối tượng.", Field: "variables"));
        if (obj["layout"] is not null and not JsonObject)
            errors.Add(new ValidationError("type", "\"layout\" phải là đối tượng.", Field: "layout"));

        var definition = new WorkflowDefinition
        {
            Id = id ?? "",
            Name = name ?? "",
            Description = String(obj, "description", errors, null),
            Version = version,
            Nodes = nodes,
            Edges = edges,
            Variables = (JsonObject?)variables?.DeepClone() ?? [],
            Layout = (JsonObject?)layout?.DeepClone() ?? [],
        };
        return new DefinitionReadResult(definition, errors);
    }

    private static List<NodeDefinition> ReadNodes(JsonObject obj, List<ValidationError> errors)
    {
        var result = new List<NodeDefinition>();
        if (obj["nodes"] is not JsonArray array)
        {
            errors.Add(new ValidationError("required", "Thiếu danh sách nút (nodes).", Field: "nodes"));
            return result;
        }
        if (array.Count > MaxNodes)
        {
            errors.Add(new ValidationError("too-large", $"Quy trình có quá {MaxNodes} nút.", Field: "nodes"));
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject n)
            {
                errors.Add(new ValidationError("type", $"Nút thứ {i + 1} không phải là đối tượng.", Field: $"nodes[{i}]"));
                continue;
            }
            var id = String(n, "id", errors, $"nodes[{i}]");
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new ValidationError("required", $"Nút thứ {i + 1} thiếu mã (id).", Field: $"nodes[{i}].id"));
                continue;
            }
            var type = String(n, "type", errors, id);
            if (string.IsNullOrWhiteSpace(type))
            {
                errors.Add(new ValidationError("required", "Thiếu loại hoạt động (type).", id, "type"));
                continue;
            }
            if (n["settings"] is not null and not JsonObject)
                errors.Add(new ValidationError("type", "\"settings\" phải là đối tượng.", id, "settings"));
            result.Add(new NodeDefinition
            {
                Id = id,
                Type = type,
                Name = String(n, "name", errors, id),
                Settings = (JsonObject?)(n["settings"] as JsonObject)?.DeepClone() ?? [],
            });
        }
        return result;
    }

    private static List<EdgeDefinition> ReadEdges(JsonObject obj, List<ValidationError> errors)
    {
        var result = new List<EdgeDefinition>();
        if (obj["edges"] is null)
            return result;
        if (obj["edges"] is not JsonArray array)
        {
            errors.Add(new ValidationError("type", "\"edges\" phải là mảng.", Field: "edges"));
            return result;
        }
        if (array.Count > MaxEdges)
        {
            errors.Add(new ValidationError("too-large", $"Quy trình có quá {MaxEdges} cạnh.", Field: "edges"));
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject e)
            {
                errors.Add(new ValidationError("type", $"Cạnh thứ {i + 1} không phải là đối tượng.", EdgeIndex: i));
                continue;
            }
            var from = String(e, "from", errors, null);
            var to = String(e, "to", errors, null);
            var outcome = String(e, "outcome", errors, null);
            if (string.IsNullOrWhiteSpace(from))
                errors.Add(new ValidationError("required", "Cạnh thiếu nút nguồn (from).", Field: "from", EdgeIndex: i));
            if (string.IsNullOrWhiteSpace(to))
                errors.Add(new ValidationError("required", "Cạnh thiếu nút đích (to).", Field: "to", EdgeIndex: i));
            result.Add(new EdgeDefinition(from ?? "", string.IsNullOrWhiteSpace(outcome) ? EdgeDefinition.DefaultOutcome : outcome, to ?? ""));
        }
        return result;
    }

    private static string? String(JsonObject obj, string property, List<ValidationError> errors, string? nodeId)
    {
        var value = obj[property];
        if (value is null)
            return null;
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
            return s;
        errors.Add(new ValidationError("type", $"\"{property}\" phải là chuỗi.", nodeId, property));
        return null;
    }

    /// <summary>Lower-case ASCII letters, digits, '-', '_' and '.', as ids and codes are everywhere in the product.</summary>
    public static bool IsIdentifierPublic(string id) => IsIdentifier(id);

    internal static bool IsIdentifier(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');

    private static DefinitionReadResult Fail(List<ValidationError> errors, string code, string message)
    {
        errors.Add(new ValidationError(code, message));
        return new DefinitionReadResult(null, errors);
    }
}

public sealed record DefinitionReadResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors)
{
    public bool Success => Definition is not null && Errors.Count == 0;
}
