namespace ThiDua.Infrastructure.Tasks;

public sealed record OutcomeOption(string Code, string Label, bool CommentRequired);

public sealed record TaskItem(
    Guid Id,
    Guid DossierId,
    string DossierCode,
    string NomineeName,
    string AwardFormName,
    string UnitName,
    string Step,
    string Kind,
    Guid? OrganizationId,
    string? Organization,
    DateTime CreatedAt,
    DateTime? DueAt,
    bool Overdue,
    IReadOnlyList<OutcomeOption> AllowedOutcomes,
    VoteInfo? Vote);

public sealed record VoteInfo(int Members, double Threshold, double Quorum, bool Secret);

/// <summary>The answer to a completion; stable, so a retry with the same idempotency key gets the same one.</summary>
public sealed record TaskCompletionResult(Guid TaskId, Guid DossierId, string Outcome, DateTime CompletedAt, string? CompletedBy);

public sealed record VoteResult(Guid TaskId, Guid DossierId, bool Closed, string? Outcome, int? Yes, int? No, int Members);
