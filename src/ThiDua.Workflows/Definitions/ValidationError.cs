namespace ThiDua.Workflows.Definitions;

/// <summary>
/// One problem in a definition, pinned to where an author can fix it: a node (and field) or an edge.
/// The designer shows these on the offending element, so the location matters as much as the text.
/// </summary>
public sealed record ValidationError(string Code, string Message, string? NodeId = null, string? Field = null, int? EdgeIndex = null)
{
    public override string ToString()
    {
        var where = NodeId is not null ? $"nút '{NodeId}'" + (Field is not null ? $", trường '{Field}'" : "")
            : EdgeIndex is not null ? $"cạnh #{EdgeIndex}" + (Field is not null ? $", trường '{Field}'" : "")
            : Field is not null ? $"trường '{Field}'" : "quy trình";
        return $"{where}: {Message}";
    }
}
