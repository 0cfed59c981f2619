using ThiDua.Infrastructure.Attachments;
using ThiDua.Web.Features.Auth;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Dossiers;

public static class AttachmentEndpoints
{
    /// <summary>Downloads are plain GETs for both the pages and the API, with the same visibility rule as the dossier.</summary>
    public static void MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ho-so/{id:guid}/tep/{fileId:guid}", Download).RequireAuthorization().AddEndpointFilter<ProblemEndpointFilter>();
        app.MapGet("/api/dossiers/{id:guid}/attachments/{fileId:guid}", Download).RequireAuthorization().AddEndpointFilter<ProblemEndpointFilter>().WithTags("Hồ sơ");
        app.MapGet("/api/dossiers/{id:guid}/attachments", async (Guid id, CurrentUserAccessor current, AttachmentService attachments, CancellationToken ct) =>
            Results.Ok((await attachments.ListAsync(await current.GetAsync(ct), id, ct)).Select(a => new { a.Id, a.FileName, a.ContentType, a.Size, a.UploadedByName, a.UploadedAt })))
            .RequireAuthorization().AddEndpointFilter<ProblemEndpointFilter>().WithTags("Hồ sơ");
    }

    private static async Task<IResult> Download(Guid id, Guid fileId, CurrentUserAccessor current, AttachmentService attachments, CancellationToken ct)
    {
        var (file, data) = await attachments.GetAsync(await current.GetAsync(ct), id, fileId, ct);
        // Always a download, never rendered inline: a file is evidence, not a page of this site.
        return Results.File(data, file.ContentType, file.FileName);
    }
}
