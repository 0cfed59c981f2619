namespace ThiDua.Workflows.Runtime;

/// <summary>
/// What the engine may know about a dossier: where it comes from, who submitted it, and the fields
/// that Switch conditions and email templates read. The engine never sees the dossier entity itself.
/// </summary>
public sealed record DossierFacts(
    Guid DossierId,
    Guid UnitOrgId,
    Guid? SubmittedByUserId,
    IReadOnlyDictionary<string, string?> Fields)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;
}
