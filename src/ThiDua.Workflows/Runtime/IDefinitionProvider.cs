using ThiDua.Workflows.Definitions;

namespace ThiDua.Workflows.Runtime;

/// <summary>Published definitions by id and version. Published versions never change, so implementations may cache them forever.</summary>
public interface IDefinitionProvider
{
    ValueTask<WorkflowDefinition?> GetAsync(string id, int version, CancellationToken ct);

    ValueTask<WorkflowDefinition?> GetLatestPublishedAsync(string id, CancellationToken ct);
}
