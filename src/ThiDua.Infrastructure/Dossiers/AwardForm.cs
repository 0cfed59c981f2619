namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// One row of the authority table: an award form, who decides it and which chain runs. Data, not code,
/// because the decrees change (NĐ 98/2023 → NĐ 152/2025) and administrators must follow them without a release.
/// </summary>
public sealed class AwardForm
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Who signs the decision, as people say it ("Chủ tịch UBND tỉnh").</summary>
    public required string DecidedBy { get; set; }
    /// <summary>department | province | central | state: the level whose leader decides.</summary>
    public required string DecidingLevel { get; set; }
    public required string DefinitionId { get; set; }
    /// <summary>Comma-separated nominee kinds the form may be given to.</summary>
    public string NomineeKinds { get; set; } = "individual,collective,household";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}
