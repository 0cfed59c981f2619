using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure;
using ThiDua.Web.Features.Auth;
using ThiDua.Web.Features.Shared;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Designer;

/// <summary>
/// The designer's JSON API under /api/definitions and /api/activities, for workflow administrators only; the
/// dossier graph under /api/dossiers/{id}/workflow-graph is for anyone who may see the dossier.
/// </summary>
public static class DesignerEndpoints
{
    public sealed record DraftRequest(JsonObject? Definition, int? BasedOnVersion);

    public sealed record PublishRequest(JsonObject? Definition, string? Note, int? BasedOnVersion);

    public sealed record RollbackRequest(int? Version, string? Note);

    private static int _navRegistered;

    public static void AddDesigner(this IServiceCollection services)
    {
        services.AddScoped<DesignerService>();
        services.AddScoped<TestRunService>();
        services.AddScoped<ActivityCatalog>();
        services.AddScoped<InstanceGraphQuery>();
    }

    public static void MapDesignerEndpoints(this RouteGroupBuilder api)
    {
        // Once per process: several hosts (tests) map endpoints, the menu is static.
        if (Interlocked.Exchange(ref _navRegistered, 1) == 0)
            NavLinks.Register("/thiet-ke", "Thiết kế quy trình", u => u.HasAnywhere(Roles.WorkflowAdmin));

        api.MapGet("/dossiers/{id:guid}/workflow-graph", async (Guid id, HttpContext http, CurrentUserAccessor current, InstanceGraphQuery query) =>
            Results.Ok(await query.GetAsync(await current.GetAsync(), id, http.RequestAborted)))
            .WithTags("Thiết kế quy trình");

        var admin = api.MapGroup("").AddEndpointFilter<WorkflowAdminFilter>().WithTags("Thiết kế quy trình");

        admin.MapGet("/activities", async (ActivityCatalog catalog, CancellationToken ct) => Results.Ok(await catalog.GetAsync(ct)));

        var definitions = admin.MapGroup("/definitions");

        definitions.MapGet("", async (DesignerService designer, CancellationToken ct) => Results.Ok(await designer.ListAsync(ct)));

        definitions.MapPost("/validate", async (HttpContext http, DesignerService designer) =>
        {
            var (_, errors) = await designer.ValidateAsync(await RawBodyAsync(http), http.RequestAborted);
            return Results.Ok(new { valid = errors.Count == 0, errors });
        });

        definitions.MapPost("/import", async (HttpContext http, CurrentUserAccessor current, DesignerService designer) =>
        {
            var (id, errors) = await designer.ImportAsync(await current.GetAsync(), await RawBodyAsync(http), http.RequestAborted);
            return Results.Ok(new { id, valid = errors.Count == 0, errors });
        });

        definitions.MapGet("/{id}", async (string id, DesignerService designer, CancellationToken ct) => Results.Ok(await designer.GetAsync(id, ct)));

        definitions.MapGet("/{id}/versions", async (string id, DesignerService designer, CancellationToken ct) => Results.Ok(await designer.VersionsAsync(id, ct)));

        definitions.MapGet("/{id}/versions/{version:int}", async (string id, int version, DesignerService designer, CancellationToken ct) =>
            Results.Content(await designer.VersionJsonAsync(id, version, ct), "application/json", Encoding.UTF8));

        definitions.MapPut("/{id}/draft", async (string id, HttpContext http, CurrentUserAccessor current, DesignerService designer) =>
        {
            var body = await JsonBody.ReadAsync<DraftRequest>(http);
            if (body.Definition is null)
                throw AppException.Invalid("definition", "Thiếu nội dung quy trình (definition).");
            return Results.Ok(await designer.SaveDraftAsync(await current.GetAsync(), id, body.Definition, body.BasedOnVersion, http.RequestAborted));
        });

        definitions.MapDelete("/{id}/draft", async (string id, DesignerService designer, CancellationToken ct) =>
        {
            await designer.DiscardDraftAsync(id, ct);
            return Results.NoContent();
        });

        definitions.MapPost("/{id}/publish", async (string id, HttpContext http, CurrentUserAccessor current, DesignerService designer) =>
        {
            var body = await JsonBody.ReadAsync<PublishRequest>(http);
            var version = await designer.PublishAsync(await current.GetAsync(), id, body.Definition, body.Note, body.BasedOnVersion, http.RequestAborted);
            return Results.Ok(new { id, version });
        });

        definitions.MapPost("/{id}/rollback", async (string id, HttpContext http, CurrentUserAccessor current, DesignerService designer) =>
        {
            var body = await JsonBody.ReadAsync<RollbackRequest>(http);
            if (body.Version is not { } target)
                throw AppException.Invalid("version", "Hãy chọn phiên bản cần khôi phục.");
            var version = await designer.RollbackAsync(await current.GetAsync(), id, target, body.Note, http.RequestAborted);
            return Results.Ok(new { id, version, restored = target });
        });

        definitions.MapGet("/{id}/diff", async (string id, string? from, string? to, DesignerService designer, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
                throw AppException.Invalid("from", "Hãy chọn hai phiên bản cần so sánh (from, to).");
            return Results.Ok(await designer.DiffAsync(id, from, to, ct));
        });

        definitions.MapGet("/{id}/export", async (string id, int? version, bool? draft, DesignerService designer, CancellationToken ct) =>
        {
            var json = await designer.ExportAsync(id, version, draft ?? false, ct);
            return Results.File(Encoding.UTF8.GetBytes(json), "application/json", $"{id}.json");
        });

        definitions.MapPost("/{id}/test-run", async (string id, HttpContext http, TestRunService runs) =>
            Results.Ok(await runs.RunAsync(id, await JsonBody.ReadAsync<TestRunRequest>(http), http.RequestAborted)));
    }

    /// <summary>The raw request body (a definition file), size-limited like every JSON body.</summary>
    private static async Task<string> RawBodyAsync(HttpContext http)
    {
        var body = await JsonBody.ReadAsync<JsonNode>(http);
        return body.ToJsonString();
    }

    /// <summary>Only workflow administrators use the designer; refusals (403, 422 with located errors) are ProblemDetails.</summary>
    private sealed class WorkflowAdminFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var me = await http.RequestServices.GetRequiredService<CurrentUserAccessor>().GetAsync(http.RequestAborted);
            if (!me.HasAnywhere(Roles.WorkflowAdmin))
                return Problems.From(new AppException(AppErrorKind.Forbidden, "Chỉ quản trị quy trình mới dùng được trình thiết kế quy trình."));
            try
            {
                return await next(context);
            }
            catch (DefinitionRejectedException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Quy trình chưa hợp lệ.",
                    extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors });
            }
        }
    }
}
