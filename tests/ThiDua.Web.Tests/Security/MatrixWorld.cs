using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Movements;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

/// <summary>
/// The things the access matrix asks about: a draft and a submitted dossier of Trung tâm Ứng dụng (each with a file),
/// the unit leader's open task, a council vote at Sở KH&amp;CN, and a movement with a compiled council list.
/// </summary>
public sealed record MatrixWorld(
    Guid Unit, Guid Department, IReadOnlyList<Guid> UnitAndAbove,
    Guid Draft, Guid DraftFile, Guid Submitted, Guid SubmittedFile, Guid UnitTask, Guid VoteTask,
    Guid Movement, Guid MovementOwner, Guid CompiledPhase, JsonNode Definition)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public static async Task<MatrixWorld> CreateAsync(ThiDuaAppFactory app)
    {
        var chain = new Chain(app);
        var secretary = await chain.As("thuky.ttud");
        var orgs = await app.DbAsync(db => db.Organizations.ToDictionaryAsync(o => o.Code, o => o.Id));

        var draft = await secretary.CreateDossierAsync("Ma Trận Nháp");
        var draftFile = await AttachAsync(app, draft);
        var submitted = await secretary.CreateDossierAsync("Ma Trận Đã Nộp");
        var submittedFile = await AttachAsync(app, submitted);
        Assert.True((await secretary.SubmitAsync(submitted)).IsSuccessStatusCode);
        var unitTask = (await (await chain.As("lanhdao.ttud")).TaskForAsync(submitted))["id"]!.GetValue<Guid>();

        var voted = await chain.SubmitNewAsync("Ma Trận Bỏ Phiếu", "giay-khen");
        await chain.UnitAsync(voted);
        var office = await chain.As("thuky.skhcn");
        await office.DoAsync(voted, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(voted, "Thẩm định hồ sơ tại Sở", "Approve");
        var voteTask = (await (await chain.As("hd.skhcn.1")).TaskForAsync(voted))["id"]!.GetValue<Guid>();

        var movement = await app.DbAsync(db => db.Movements.SingleAsync(m => m.Code == "ha-tang-qng-skhcn"));
        var phase = await app.DbAsync(async db =>
        {
            var p = await db.MovementPhases.Where(x => x.MovementId == movement.Id).Select(x => x.Id).FirstAsync();
            if (!await db.Compilations.AnyAsync(c => c.PhaseId == p))
            {
                db.Compilations.Add(new PhaseCompilation { PhaseId = p, CompiledAt = DateTime.UtcNow, DossierCount = 0, Xlsx = [0x50, 0x4B, 0x03, 0x04] });
                await db.SaveChangesAsync();
            }
            return p;
        });

        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "giay-khen.json")))!;
        return new MatrixWorld(orgs["ttud-skhcn-qng"], orgs["skhcn-qng"], [orgs["ttud-skhcn-qng"], orgs["skhcn-qng"], orgs["ubnd-qng"]],
            draft, draftFile, submitted, submittedFile, unitTask, voteTask, movement.Id, movement.OwnerOrgId!.Value, phase, definition);
    }

    private static Task<Guid> AttachAsync(ThiDuaAppFactory app, Guid dossier) =>
        app.AsAsync("thuky.ttud", async (sp, me) =>
            (await sp.GetRequiredService<AttachmentService>().AddAsync(me, dossier, "to-trinh.pdf", new MemoryStream(Pdf), Pdf.Length, CancellationToken.None)).Id);
}
