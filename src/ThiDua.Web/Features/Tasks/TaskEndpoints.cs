using ThiDua.Infrastructure.Tasks;
using ThiDua.Web.Features.Auth;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Tasks;

public static class TaskEndpoints
{
    public sealed record CompleteRequest(string? Outcome, string? Comment, string? IdempotencyKey);

    public sealed record VoteRequest(bool? Approve);

    public static void MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Hộp việc");

        // Still a plain array, as before paging, so existing clients keep working; the count travels in headers
        // (X-Total-Count, and X-Total-Is-Lower-Bound when counting stopped at TaskService.CountLimit).
        tasks.MapGet("", async (HttpContext http, CurrentUserAccessor current, TaskService service, int? page, int? pageSize) =>
        {
            var result = await service.PageAsync(await current.GetAsync(), page ?? 1, pageSize ?? TaskService.DefaultPageSize, http.RequestAborted);
            http.Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (result.TotalIsLowerBound)
                http.Response.Headers["X-Total-Is-Lower-Bound"] = "true";
            return Results.Ok(result.Items);
        });

        tasks.MapPost("/{id:guid}/complete", async (Guid id, HttpContext http, CurrentUserAccessor current, TaskService service) =>
        {
            var body = await JsonBody.ReadAsync<CompleteRequest>(http);
            // The header form is accepted too, as HTTP clients with retry middleware send it.
            var key = body.IdempotencyKey ?? http.Request.Headers["Idempotency-Key"].FirstOrDefault();
            return Results.Ok(await service.CompleteAsync(await current.GetAsync(), id, body.Outcome, body.Comment, key, http.RequestAborted));
        });

        tasks.MapPost("/{id:guid}/vote", async (Guid id, HttpContext http, CurrentUserAccessor current, TaskService service) =>
        {
            var body = await JsonBody.ReadAsync<VoteRequest>(http);
            return Results.Ok(await service.VoteAsync(await current.GetAsync(), id, body.Approve, http.RequestAborted));
        });
    }
}
