namespace ThiDua.Workflows.Runtime;

public sealed record OrgRef(Guid Id, string Name);

public sealed record UserRef(Guid Id, string DisplayName, string? Email);
