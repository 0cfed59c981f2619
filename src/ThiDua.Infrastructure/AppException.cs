namespace ThiDua.Infrastructure;

public enum AppErrorKind
{
    /// <summary>400: the request itself is malformed or a field is invalid.</summary>
    Validation,
    /// <summary>401: not signed in, or the sign-in failed.</summary>
    Unauthenticated,
    /// <summary>403: visible, but this person may not do this.</summary>
    Forbidden,
    /// <summary>404: does not exist, or the person may not know it exists.</summary>
    NotFound,
    /// <summary>409: the state moved on (already completed, already submitted, edited by someone else).</summary>
    Conflict,
    /// <summary>422: well-formed, but a rule refuses it (reason missing, award not allowed for the movement).</summary>
    Rule,
}

/// <summary>
/// A refusal with a message for the person who asked. Services throw it before saving anything, so a
/// refused request changes nothing; the web layer turns it into ProblemDetails or a message on the page.
/// </summary>
public sealed class AppException(AppErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? fieldErrors = null) : Exception(message)
{
    public AppErrorKind Kind { get; } = kind;
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; } = fieldErrors;

    public static AppException NotFound(string what) => new(AppErrorKind.NotFound, $"Không tìm thấy {what}.");

    public static AppException Invalid(string field, string message) =>
        new(AppErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });
}
