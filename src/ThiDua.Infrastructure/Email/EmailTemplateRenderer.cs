using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ThiDua.Workflows.Calendar;

namespace ThiDua.Infrastructure.Email;

public sealed record RenderedEmail(string Subject, string Body);

/// <summary>A template that cannot be rendered (missing file, no Subject line, bad model): retrying does not help.</summary>
public sealed class EmailTemplateException(string message) : Exception(message);

/// <summary>
/// Renders the editable template files <c>emails/{name}.txt</c>: a first line <c>Subject: …</c>, a blank line, then
/// the plain-text body. <c>{key}</c> takes the value of <c>key</c> in the outbox row's model; an unknown key renders
/// as nothing, and a body line whose placeholders are all empty is left out (so "Ý kiến: {comment}" disappears
/// when there is no comment). Values under keys ending in "At" that are ISO timestamps are shown as a date in
/// Vietnam time (dd/MM/yyyy). <c>{link}</c> is <c>Email:BaseUrl</c> + <c>/ho-so/{dossierId}</c>, <c>{baseUrl}</c> the base alone.
/// Files are read at every render, so an edited template applies to the next message sent.
/// </summary>
public sealed partial class EmailTemplateRenderer(EmailOptions options)
{
    private const string SubjectPrefix = "Subject:";

    public string Folder => options.TemplatesFolder;

    public bool Exists(string template) => TemplateName().IsMatch(template) && File.Exists(PathOf(template));

    public RenderedEmail Render(string template, string modelJson)
    {
        var (subject, body) = Load(template);
        var values = Values(modelJson);
        return new RenderedEmail(Fill(subject, values).ReplaceLineEndings(" ").Trim(), FillBody(body, values));
    }

    private string PathOf(string template) => Path.Combine(Folder, template + ".txt");

    private (string Subject, string Body) Load(string template)
    {
        if (!TemplateName().IsMatch(template))
            throw new EmailTemplateException($"Tên mẫu email '{template}' không hợp lệ (chỉ gồm chữ thường, số và dấu gạch ngang).");
        var path = PathOf(template);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EmailTemplateException($"Không có mẫu email '{template}': không tìm thấy tệp {path}.");
        }
        var lines = text.ReplaceLineEndings("\n");
        var end = lines.IndexOf('\n');
        var first = end < 0 ? lines : lines[..end];
        if (!first.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(first[SubjectPrefix.Length..]))
            throw new EmailTemplateException($"Mẫu email '{template}' phải bắt đầu bằng dòng \"Subject: tiêu đề thư\" ({path}).");
        var body = end < 0 ? "" : lines[(end + 1)..].TrimStart('\n');
        return (first[SubjectPrefix.Length..].Trim(), body);
    }

    private Dictionary<string, string> Values(string modelJson)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var model = JsonDocument.Parse(string.IsNullOrWhiteSpace(modelJson) ? "{}" : modelJson);
            if (model.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var p in model.RootElement.EnumerateObject())
                    values[p.Name] = Text(p.Name, p.Value);
        }
        catch (JsonException ex)
        {
            throw new EmailTemplateException($"Dữ liệu của email không phải JSON hợp lệ: {ex.Message}");
        }
        var baseUrl = options.BaseUrl.TrimEnd('/');
        values["baseUrl"] = baseUrl;
        values["link"] = values.TryGetValue("dossierId", out var id) && Guid.TryParse(id, out var dossierId)
            ? $"{baseUrl}/ho-so/{dossierId}"
            : baseUrl + "/";
        return values;
    }

    private static string Text(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => key.EndsWith("At", StringComparison.Ordinal) ? AsVietnamDate(value.GetString()!) : value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "",
    };

    /// <summary>"2026-11-09T17:30:00Z" → "10/11/2026": the date on the wall in Vietnam at that instant.</summary>
    private static string AsVietnamDate(string value) =>
        value.Length >= 10 && value[4] == '-' && value[7] == '-'
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? VietnamTime.ToLocalDate(at.UtcDateTime).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : value;

    private static string Fill(string text, Dictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.GetValueOrDefault(m.Groups[1].Value, ""));

    private static string FillBody(string body, Dictionary<string, string> values)
    {
        var output = new StringBuilder();
        foreach (var line in body.TrimEnd('\n').Split('\n'))
        {
            var keys = Placeholder().Matches(line);
            if (keys.Count > 0 && keys.All(k => string.IsNullOrWhiteSpace(values.GetValueOrDefault(k.Groups[1].Value))))
                continue;
            output.Append(Fill(line, values)).Append('\n');
        }
        return output.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex TemplateName();
}
