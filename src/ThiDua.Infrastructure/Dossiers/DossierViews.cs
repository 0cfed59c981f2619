namespace ThiDua.Infrastructure.Dossiers;

public sealed record DossierInput(
    string? NomineeKind,
    string? NomineeName,
    string? NomineeTitle,
    string? AwardForm,
    string? Unit,
    string? Movement,
    string? Period,
    string? Summary);

public sealed record DossierListQuery(
    string? Status = null,
    string? Org = null,
    string? Q = null,
    string? AwardForm = null,
    string? Movement = null,
    string? Level = null,
    bool? Overdue = null,
    int Page = 1,
    int PageSize = 20);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>True when there are more than <see cref="Total"/> matches (counting stopped at <see cref="DossierQueries.CountLimit"/>).</summary>
    public bool TotalIsLowerBound { get; init; }

    public int Pages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record DossierListItem(
    Guid Id,
    string Code,
    string NomineeKind,
    string NomineeName,
    string AwardForm,
    string AwardFormName,
    Guid UnitId,
    string UnitName,
    string? MovementName,
    string State,
    string StateName,
    string? StatusLabel,
    string? Level,
    DateTime? SubmittedAt,
    DateTime UpdatedAt,
    CurrentStep? CurrentStep);

public sealed record CurrentStep(
    Guid TaskId,
    string Step,
    string Kind,
    Guid? OrganizationId,
    string? Organization,
    string? Holder,
    DateTime Since,
    DateTime? DueAt,
    int DaysWaiting,
    bool Overdue);

public sealed record HistoryItem(
    DateTime At,
    string Kind,
    string KindName,
    string? Step,
    string? Actor,
    string? Organization,
    string? Outcome,
    string? OutcomeName,
    string? Comment,
    string? Data);

public sealed record DossierDetails(
    Guid Id,
    string Code,
    string NomineeKind,
    string NomineeKindName,
    string NomineeName,
    string? NomineeTitle,
    string AwardForm,
    string AwardFormName,
    string DecidedBy,
    Guid UnitId,
    string UnitName,
    Guid? MovementId,
    string? MovementName,
    string? Period,
    string? Summary,
    string State,
    string StateName,
    string? StatusLabel,
    string? Level,
    string? Result,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    string? SubmittedBy,
    DateTime? CompletedAt,
    int Version,
    IReadOnlyList<CurrentStep> CurrentSteps,
    IReadOnlyList<HistoryItem> History,
    string? LastReturnReason,
    bool CanEdit,
    bool CanSubmit,
    IReadOnlyList<Guid> MyTaskIds);
