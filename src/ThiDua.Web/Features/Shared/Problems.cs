using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Shared;

/// <summary>One place that turns refusals into ProblemDetails with Vietnamese titles, so every endpoint answers alike.</summary>
public static class Problems
{
    public static IResult From(AppException ex) => ex.Kind switch
    {
        AppErrorKind.Validation when ex.FieldErrors is { } fields =>
            Results.ValidationProblem(fields.ToDictionary(f => f.Key, f => f.Value), ex.Message, title: "Dữ liệu chưa hợp lệ.", statusCode: 400),
        _ => Results.Problem(ex.Message, statusCode: Status(ex.Kind), title: Title(ex.Kind)),
    };

    public static IResult From(WorkflowException ex) => From(ToApp(ex));

    public static AppException ToApp(WorkflowException ex) => new(ex.Code switch
    {
        WorkflowErrorCode.NotFound => AppErrorKind.NotFound,
        WorkflowErrorCode.AlreadyClosed or WorkflowErrorCode.AlreadyVoted or WorkflowErrorCode.InstanceNotRunning => AppErrorKind.Conflict,
        WorkflowErrorCode.InvalidInput => AppErrorKind.Validation,
        _ => AppErrorKind.Rule,
    }, ex.Message);

    public static int Status(AppErrorKind kind) => kind switch
    {
        AppErrorKind.Validation => StatusCodes.Status400BadRequest,
        AppErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        AppErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        AppErrorKind.NotFound => StatusCodes.Status404NotFound,
        AppErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static string Title(AppErrorKind kind) => kind switch
    {
        AppErrorKind.Validation => "Dữ liệu chưa hợp lệ.",
        AppErrorKind.Unauthenticated => "Đăng nhập không thành công.",
        AppErrorKind.Forbidden => "Không có quyền.",
        AppErrorKind.NotFound => "Không tìm thấy.",
        AppErrorKind.Conflict => "Xung đột trạng thái.",
        _ => "Không thực hiện được.",
    };

    public static Task Write(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, options: null, contentType: "application/problem+json");
    }
}
