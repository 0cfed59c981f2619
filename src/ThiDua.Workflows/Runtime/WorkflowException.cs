namespace ThiDua.Workflows.Runtime;

public enum WorkflowErrorCode
{
    NotFound,
    /// <summary>The task or vote was already closed: someone else (or an earlier click) got there first.</summary>
    AlreadyClosed,
    AlreadyVoted,
    OutcomeNotAllowed,
    CommentRequired,
    InvalidInput,
    InstanceNotRunning,
    DefinitionNotFound,
    /// <summary>The definition cannot run against this dossier, e.g. no organization matches a selector.</summary>
    Configuration,
    StepLimit,
}

/// <summary>A refusal by the engine. Thrown before anything is committed, so the caller's transaction rolls back and nothing changes.</summary>
public sealed class WorkflowException(WorkflowErrorCode code, string message) : Exception(message)
{
    public WorkflowErrorCode Code { get; } = code;
}
