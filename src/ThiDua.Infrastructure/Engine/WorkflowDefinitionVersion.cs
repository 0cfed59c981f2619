namespace ThiDua.Infrastructure.Engine;

/// <summary>One published version of a definition, kept forever because instances stay pinned to it.</summary>
public sealed class WorkflowDefinitionVersion
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    /// <summary>Hash of the workflows/*.json file this version was imported from, so an unchanged file is not imported twice.</summary>
    public string? SourceHash { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public string? Note { get; set; }
}
