using ThiDua.Infrastructure.Dossiers;
using ThiDua.Web.Features.Auth;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Dossiers;

public static class DossierEndpoints
{
    public sealed record SubmitRequest(string? Comment);

    public sealed record UpdateRequest(string? NomineeKind, string? NomineeName, string? NomineeTitle, string? AwardForm, string? Unit, string? Movement, string? Period, string? Summary, int? Version)
    {
        public DossierInput Input => new(NomineeKind, NomineeName, NomineeTitle, AwardForm, Unit, Movement, Period, Summary);
    }

    public static void MapDossierEndpoints(this RouteGroupBuilder api)
    {
        var dossiers = api.MapGroup("/dossiers").WithTags("Hồ sơ");

        dossiers.MapPost("", async (HttpContext http, CurrentUserAccessor current, DossierService service) =>
        {
            var body = await JsonBody.ReadAsync<DossierInput>(http);
            var dossier = await service.CreateAsync(await current.GetAsync(), body, http.RequestAborted);
            return Results.Created($"/api/dossiers/{dossier.Id}", new { dossier.Id, dossier.Code, dossier.State });
        });

        dossiers.MapPut("/{id:guid}", async (Guid id, HttpContext http, CurrentUserAccessor current, DossierService service) =>
        {
            var body = await JsonBody.ReadAsync<UpdateRequest>(http);
            var dossier = await service.UpdateAsync(await current.GetAsync(), id, body.Input, body.Version, http.RequestAborted);
            return Results.Ok(new { dossier.Id, dossier.Code, dossier.State, dossier.Version });
        });

        dossiers.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, CurrentUserAccessor current, DossierService service) =>
        {
            // The body is optional: a plain POST submits without a comment.
            var body = http.Request.HasJsonContentType() && http.Request.ContentLength is not 0 ? await JsonBody.ReadAsync<SubmitRequest>(http) : new SubmitRequest(null);
            var dossier = await service.SubmitAsync(await current.GetAsync(), id, body.Comment, http.RequestAborted);
            return Results.Ok(new { dossier.Id, dossier.Code, dossier.State, dossier.StatusLabel });
        });

        dossiers.MapGet("/{id:guid}", async (Guid id, HttpContext http, CurrentUserAccessor current, DossierQueries queries) =>
            Results.Ok(await queries.GetAsync(await current.GetAsync(), id, http.RequestAborted)));

        dossiers.MapGet("", async (HttpContext http, CurrentUserAccessor current, DossierQueries queries,
            string? status, string? org, string? q, string? awardForm, string? movement, string? level, bool? overdue, int? page, int? pageSize) =>
            Results.Ok(await queries.ListAsync(await current.GetAsync(),
                new DossierListQuery(status, org, q, awardForm, movement, level, overdue, page ?? 1, pageSize ?? 20), http.RequestAborted)));
    }
}
