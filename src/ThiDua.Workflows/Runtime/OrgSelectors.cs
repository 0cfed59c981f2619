namespace ThiDua.Workflows.Runtime;

/// <summary>
/// The organization selectors a definition may use. They are relative to the dossier's unit because
/// the same chain runs in every province and every Sở.
/// </summary>
public static class OrgSelectors
{
    /// <summary>The nominee's own unit (phòng, trung tâm, trường, xã).</summary>
    public const string Unit = "unit";
    /// <summary>The nearest Sở / ngành above the unit (the unit itself if it is one).</summary>
    public const string Department = "department";
    /// <summary>The UBND tỉnh the unit belongs to.</summary>
    public const string Province = "province";
    /// <summary>Sở Nội vụ of that province: the standing body of the provincial council.</summary>
    public const string ProvinceInterior = "province:noi-vu";
    /// <summary>Bộ Nội vụ / Ban Thi đua – Khen thưởng Trung ương.</summary>
    public const string Central = "central";
    /// <summary>Prefix for a fixed organization by code, e.g. "org:so-khcn-qng".</summary>
    public const string FixedPrefix = "org:";

    public static readonly IReadOnlyList<string> Relative = [Unit, Department, Province, ProvinceInterior, Central];

    public static bool IsValid(string? selector) =>
        selector is not null && (Relative.Contains(selector) || (selector.StartsWith(FixedPrefix, StringComparison.Ordinal) && selector.Length > FixedPrefix.Length));
}
