using Microsoft.EntityFrameworkCore;

namespace ThiDua.Web.Tests.Support;

/// <summary>
/// The dossier columns copied onto each grant by database triggers (migration DossierAccessBoardColumns): one
/// scenario through create, approve, return, resubmit and a failed vote, checked after each step, for either provider.
/// </summary>
public static class AccessCopies
{
    public static async Task RunScenarioAsync(ThiDuaAppFactory app)
    {
        var chain = new Chain(app);
        var secretary = await chain.As("thuky.ttud");
        var draft = await secretary.CreateDossierAsync("Lương Thị Bản Sao", "bang-khen-tinh");
        await AssertMatchAsync(app, draft, "Draft", grants: 1);

        Assert.True((await secretary.SubmitAsync(draft)).IsSuccessStatusCode);
        await AssertMatchAsync(app, draft, "InProgress");
        await chain.UnitAsync(draft);
        await chain.DepartmentAsync(draft);
        await AssertMatchAsync(app, draft, "InProgress");
        await (await chain.As("chuyenvien.snv")).DoAsync(draft, "Sở Nội vụ tiếp nhận hồ sơ", "Return", "Thiếu xác nhận của cơ quan thuế.");
        await AssertMatchAsync(app, draft, "Returned");
        Assert.True((await secretary.SubmitAsync(draft, "Đã bổ sung.")).IsSuccessStatusCode);
        await AssertMatchAsync(app, draft, "InProgress");
        await chain.ProvinceAsync(draft);
        await AssertMatchAsync(app, draft, "Approved");

        var failing = await chain.SubmitNewAsync("Lương Văn Không Đạt", "giay-khen");
        await chain.UnitAsync(failing);
        var office = await chain.As("thuky.skhcn");
        await office.DoAsync(failing, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(failing, "Thẩm định hồ sơ tại Sở", "Approve");
        await AssertMatchAsync(app, failing, "InProgress");
        await chain.CouncilAsync(failing, "hd.skhcn", yes: 2, no: 3);
        await AssertMatchAsync(app, failing, "Rejected");

        // The board of one organization is read from these copies: the department finds each dossier by its state.
        var returned = await ApiClient.Json(await office.Http.GetAsync("/api/dossiers?status=Rejected&q=luong van khong dat"));
        Assert.Equal(1, returned["total"]!.GetValue<int>());
        var approved = await ApiClient.Json(await office.Http.GetAsync("/api/dossiers?status=Approved&pageSize=200"));
        Assert.Contains(approved["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == draft);
    }

    /// <summary>Every grant of the dossier carries its current state, date and earliest due time.</summary>
    public static async Task AssertMatchAsync(ThiDuaAppFactory app, Guid dossierId, string state, int? grants = null)
    {
        var (dossier, copies) = await app.DbAsync(async db => (
            await db.Dossiers.AsNoTracking().Where(d => d.Id == dossierId).Select(d => new { d.State, d.UpdatedAt, d.EarliestDueAt }).SingleAsync(),
            await db.DossierAccess.AsNoTracking().Where(a => a.DossierId == dossierId).Select(a => new { a.OrgId, a.State, a.UpdatedAt, a.EarliestDueAt }).ToListAsync()));
        Assert.Equal(state, dossier.State);
        if (grants is { } n)
            Assert.Equal(n, copies.Count);
        Assert.NotEmpty(copies);
        Assert.All(copies, c =>
        {
            Assert.Equal(dossier.State, c.State);
            Assert.Equal(dossier.UpdatedAt, c.UpdatedAt);
            Assert.Equal(dossier.EarliestDueAt, c.EarliestDueAt);
        });
        if (await app.DbAsync(db => Task.FromResult(db.Database.IsSqlite())))
        {
            // Searches check grants by the rowid the search index gives (migration DossierAccessRowid).
            var carrying = await app.DbAsync(db => db.Database.SqlQuery<int>($"""
                SELECT COUNT(*) AS "Value" FROM "DossierAccess" AS "a" JOIN "Dossiers" AS "d" ON "d"."Id" = "a"."DossierId"
                WHERE "a"."DossierId" = {dossierId} AND "a"."DossierRowid" = "d".rowid
                """).SingleAsync());
            Assert.Equal(copies.Count, carrying);
        }
    }
}
