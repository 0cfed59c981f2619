using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Workflows.Definitions;

/// <summary>Typed, forgiving reads of node settings: a wrong type reads as absent, and the validator reports it.</summary>
public static class SettingsExtensions
{
    public static string? GetString(this JsonObject settings, string name) =>
        settings[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    public static int? GetInt(this JsonObject settings, string name)
    {
        if (settings[name] is not JsonValue v)
            return null;
        if (v.GetValueKind() == JsonValueKind.Number)
        {
            var d = v.GetValue<double>();
            return d is >= int.MinValue and <= int.MaxValue && Math.Abs(d - Math.Round(d)) < 1e-9 ? (int)Math.Round(d) : null;
        }
        return v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    public static double? GetDouble(this JsonObject settings, string name)
    {
        if (settings[name] is not JsonValue v)
            return null;
        if (v.GetValueKind() == JsonValueKind.Number)
            return v.GetValue<double>();
        if (!v.TryGetValue<string>(out var s))
            return null;
        // Authors write thresholds as "2/3" as often as 0.667.
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && double.TryParse(s[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(s[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var den) && den != 0)
            return num / den;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static bool? GetBool(this JsonObject settings, string name) =>
        settings[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static IReadOnlyList<string> GetStringList(this JsonObject settings, string name)
    {
        if (settings[name] is JsonArray array)
            return array.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();
        var single = settings.GetString(name);
        return single is null ? [] : single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static bool Has(this JsonObject settings, string name) =>
        settings[name] is not null && !(settings[name] is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));
}
