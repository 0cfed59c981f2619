using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Attachments;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Security;

/// <summary>
/// Every endpoint and page, asked by every demo account and by an anonymous visitor: each gets in exactly where
/// its role and organization allow, and the refused attempts change nothing. A new endpoint fails the first test
/// until someone decides who may use it.
/// </summary>
public sealed partial class AccessMatrixTests(ThiDuaAppFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThiDuaAppFactory>
{
    [Fact]
    public async Task Every_endpoint_and_page_handler_has_an_access_rule()
    {
        var world = await MatrixWorld.CreateAsync(app);
        var classified = Routes(world).Select(r => r.Key).ToHashSet();
        var discovered = EndpointCatalog.Discover(app.Services);
        Assert.True(!discovered.Except(classified).Any(), "no access rule for:\n" + string.Join("\n", discovered.Except(classified)));
        Assert.True(!classified.Except(discovered).Any(), "rule for an endpoint that does not exist:\n" + string.Join("\n", classified.Except(discovered)));
    }

    [Fact]
    public async Task Nobody_reaches_anything_outside_their_role_and_organization_and_refusals_change_nothing()
    {
        var world = await MatrixWorld.CreateAsync(app);
        var routes = Routes(world);
        var usernames = await app.DbAsync(db => db.Users.OrderBy(u => u.Username).Select(u => u.Username).ToListAsync());
        Assert.True(usernames.Count >= 25);
        var before = await SnapshotAsync();
        var mistakes = new List<string>();
        var checkedCount = 0;

        foreach (var username in usernames.Prepend(null))
        {
            var person = username is null ? null : await PersonAsync(username);
            using var client = await ClientAsync(username);
            var token = person is null ? null : await AntiforgeryTokenAsync(client.Http);
            Assert.True(person is null || token!.Length > 20, "no antiforgery token on the inbox page");
            foreach (var route in routes)
            {
                var allowed = route.Rule(person, world);
                // Allowed changes are exercised by the feature tests; here they would spoil the world for the next person.
                if (allowed && route.Changes)
                    continue;
                using var request = route.Request(token);
                using var response = await client.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var got = await RefusedAsync(client.Http, request.Method, response, body) ? "refused" : "allowed";
                checkedCount++;
                if (!route.JudgedByState && (got == "allowed") != allowed)
                    mistakes.Add($"{username ?? "ẩn danh"} · {route.Key} → {(int)response.StatusCode} {got}, expected {(allowed ? "allowed" : "refused")}");
                Assert.True((int)response.StatusCode < 500, $"{username} · {route.Key} → {(int)response.StatusCode}: {body}");
            }
        }

        Assert.True(mistakes.Count == 0, $"{mistakes.Count} wrong answers:\n" + string.Join("\n", mistakes));
        output.WriteLine($"{usernames.Count} accounts and an anonymous visitor × {routes.Count} endpoints and page handlers: {checkedCount} requests checked");
        Assert.True(checkedCount > 1000, $"only {checkedCount} requests were checked");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_form_post_without_the_antiforgery_token_is_refused_even_for_the_right_person()
    {
        var world = await MatrixWorld.CreateAsync(app);
        var people = new List<CurrentUser>();
        foreach (var username in await app.DbAsync(db => db.Users.OrderBy(u => u.Username).Select(u => u.Username).ToListAsync()))
            people.Add(await PersonAsync(username));
        var before = await SnapshotAsync();
        var forms = Routes(world).Where(r => r.Key.StartsWith("POST /", StringComparison.Ordinal) && !r.Key.StartsWith("POST /api/", StringComparison.Ordinal)).ToList();
        Assert.True(forms.Count >= 15);
        foreach (var form in forms)
        {
            var person = people.FirstOrDefault(p => form.Rule(p, world));
            using var client = await ClientAsync(person?.Username);
            using var response = await client.Http.SendAsync(form.Request(null));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form.Key} as {person?.Username ?? "ẩn danh"} without a token → {(int)response.StatusCode}");
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_post_form_the_pages_render_carries_an_antiforgery_token()
    {
        var world = await MatrixWorld.CreateAsync(app);
        var pages = new (string User, string Url)[]
        {
            ("thuky.ttud", "/"), ("thuky.ttud", "/hop-viec"), ("thuky.ttud", "/theo-doi"), ("thuky.ttud", "/ho-so/tao"), ("thuky.ttud", "/ho-so/nhap-excel"),
            ("thuky.ttud", $"/ho-so/{world.Draft}"), ("thuky.ttud", $"/ho-so/{world.Draft}/sua"), ("lanhdao.ttud", $"/nhiem-vu/{world.UnitTask}"),
            ("hd.skhcn.1", $"/nhiem-vu/{world.VoteTask}"), ("thuky.skhcn", "/phong-trao/tao"), ("thuky.skhcn", $"/phong-trao/{world.Movement}"),
            ("admin", "/tac-vu"), ("admin", "/quan-tri/lich-lam-viec"), ("admin", "/thiet-ke/giay-khen"),
        };
        var forms = 0;
        foreach (var (user, url) in pages)
        {
            using var client = await app.LoginAsync(user);
            using var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {url} → {(int)response.StatusCode} {response.Headers.Location}");
            var html = await response.Content.ReadAsStringAsync();
            foreach (Match form in PostForm().Matches(html))
            {
                forms++;
                Assert.True(form.Value.Contains("__RequestVerificationToken", StringComparison.Ordinal), $"{url}: a form without a token: {form.Value[..Math.Min(200, form.Value.Length)]}");
            }
        }
        using var anonymous = app.CreateClient();
        foreach (Match form in PostForm().Matches(await anonymous.GetStringAsync("/dang-nhap")))
        {
            forms++;
            Assert.Contains("__RequestVerificationToken", form.Value);
        }
        Assert.True(forms >= 20, $"only {forms} forms found");
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[\\s\\S]*?</form>", RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    /// <summary>
    /// Refused means: any 4xx, the login or no-permission page, or a page that shows the refusal instead of acting
    /// (another redirect is followed once to read the message it carries).
    /// </summary>
    private static async Task<bool> RefusedAsync(HttpClient http, HttpMethod method, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500)
            return true;
        if (status is 301 or 302 or 303 && response.Headers.Location is { } to)
        {
            var path = to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString;
            if (path.StartsWith("/dang-nhap", StringComparison.Ordinal) || path.StartsWith("/khong-co-quyen", StringComparison.Ordinal))
                return true;
            using var next = await http.GetAsync(path);
            return ShowsError(await next.Content.ReadAsStringAsync());
        }
        return method == HttpMethod.Post && ShowsError(body);
    }

    private static bool ShowsError(string html) => html.Contains("class=\"alert error\"", StringComparison.Ordinal);

    private Task<CurrentUser> PersonAsync(string username) => app.AsAsync(username, (_, me) => Task.FromResult(me));

    /// <summary>Signed in as the user, or an anonymous visitor for null; redirects are not followed, so refusals show.</summary>
    private async Task<ApiClient> ClientAsync(string? username) => username is null
        ? new ApiClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "ẩn danh")
        : await app.LoginAsync(username);

    private static async Task<string> AntiforgeryTokenAsync(HttpClient http)
    {
        var page = await http.GetStringAsync("/hop-viec");
        return TokenField().Match(page).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>Everything a refused request could have changed, as one comparable string.</summary>
    private Task<string> SnapshotAsync() => app.DbAsync(async db => string.Join(" | ",
        await db.Dossiers.CountAsync(), string.Join(",", await db.Dossiers.OrderBy(d => d.Id).Select(d => d.Version + d.State + d.NomineeName).ToListAsync()),
        await db.Journal.CountAsync(), await db.Bookmarks.CountAsync(b => b.Status == BookmarkStatus.Open), await db.Ballots.CountAsync(),
        await db.Attachments.CountAsync(), await db.Outbox.CountAsync(), await db.Movements.CountAsync(), await db.MovementPhases.CountAsync(),
        string.Join(",", await db.Movements.OrderBy(m => m.Id).Select(m => m.Name + m.IsActive).ToListAsync()),
        await db.CalendarDays.CountAsync(), await db.Drafts.CountAsync(), await db.DefinitionVersions.CountAsync(), await db.JobRuns.CountAsync(),
        await db.AuditEntries.CountAsync(a => !a.Action.StartsWith("login."))));

    private sealed record Route(string Key, Func<CurrentUser?, MatrixWorld, bool> Rule, bool Changes, bool JudgedByState, Func<string?, HttpRequestMessage> Request);

    private static IReadOnlyList<Route> Routes(MatrixWorld w)
    {
        var list = new List<Route>();
        void Get(string key, Func<CurrentUser?, MatrixWorld, bool> rule, string url) =>
            list.Add(new Route(key, rule, false, false, _ => new HttpRequestMessage(HttpMethod.Get, url)));
        void Api(string key, Func<CurrentUser?, MatrixWorld, bool> rule, string url, object? body = null)
        {
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            list.Add(new Route(key, rule, method != HttpMethod.Get, false, _ => new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }));
        }
        void Form(string key, Func<CurrentUser?, MatrixWorld, bool> rule, string url, Dictionary<string, string>? fields = null, bool judgedByState = false) =>
            list.Add(new Route(key, rule, true, judgedByState, token =>
            {
                var values = new Dictionary<string, string>(fields ?? []);
                if (token is not null)
                    values["__RequestVerificationToken"] = token;
                return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
            }));

        // Anyone, signed in or not.
        Get("GET /dang-nhap", Anyone, "/dang-nhap");
        Form("POST /dang-nhap", Anyone, "/dang-nhap");
        Get("GET /khong-co-quyen", Anyone, "/khong-co-quyen");
        Get("GET /loi/{code:int}", Anyone, "/loi/404");
        Get("GET /ngon-ngu", Anyone, "/ngon-ngu?culture=vi-VN&returnUrl=/");
        Get("GET /openapi/{documentName}.json", Anyone, "/openapi/v1.json");
        Api("POST /api/auth/login", Anyone, "/api/auth/login", new { username = "nobody", password = "x" });

        // Everyone signed in, each seeing only their own share.
        Get("GET /", SignedIn, "/");
        Get("GET /hop-viec", SignedIn, "/hop-viec");
        // Batch approval answers everyone with the inbox and a per-task report; the unchanged state is what proves the refusal.
        Form("POST /hop-viec?handler=BatchApprove", UnitLeader, "/hop-viec?handler=BatchApprove", new() { ["TaskIds"] = w.UnitTask.ToString() }, judgedByState: true);
        Get("GET /theo-doi", SignedIn, "/theo-doi");
        Get("GET /theo-doi?handler=Export", SignedIn, "/theo-doi?handler=Export");
        Get("GET /dang-xuat", SignedIn, "/dang-xuat");
        Form("POST /dang-xuat", SignedIn, "/dang-xuat");
        Get("GET /phong-trao", SignedIn, "/phong-trao");
        Get("GET /phong-trao/{id:guid}", SignedIn, $"/phong-trao/{w.Movement}");
        Api("POST /api/auth/logout", Anyone, "/api/auth/logout");
        Api("GET /api/auth/me", SignedIn, "/api/auth/me");
        Api("GET /api/tasks", SignedIn, "/api/tasks");
        Api("GET /api/dossiers", SignedIn, "/api/dossiers");
        Api("GET /api/award-forms", SignedIn, "/api/award-forms");
        Api("GET /api/movements", SignedIn, "/api/movements");
        Api("GET /api/organizations", SignedIn, "/api/organizations");

        // Secretaries enter dossiers for their own unit.
        Get("GET /ho-so/tao", Secretary, "/ho-so/tao");
        Get("GET /ho-so/tao?handler=AwardOptions", SignedIn, "/ho-so/tao?handler=AwardOptions&movementId=" + w.Movement);
        Form("POST /ho-so/tao", Secretary, "/ho-so/tao", new() { ["Form.NomineeKind"] = "individual", ["Form.NomineeName"] = "Ma Trận Tạo", ["Form.AwardForm"] = "giay-khen" });
        Api("POST /api/dossiers", Secretary, "/api/dossiers", new { nomineeKind = "individual", nomineeName = "Ma Trận Tạo", awardForm = "giay-khen" });
        Get("GET /ho-so/nhap-excel", Secretary, "/ho-so/nhap-excel");
        Get("GET /ho-so/nhap-excel?handler=Template", Secretary, "/ho-so/nhap-excel?handler=Template");
        Form("POST /ho-so/nhap-excel", Secretary, "/ho-so/nhap-excel");
        Get("GET /ho-so/{id:guid}/sua", DraftOwner, $"/ho-so/{w.Draft}/sua");
        Get("GET /ho-so/{id:guid}/sua?handler=AwardOptions", SignedIn, $"/ho-so/{w.Draft}/sua?handler=AwardOptions&movementId={w.Movement}");
        Form("POST /ho-so/{id:guid}/sua", DraftOwner, $"/ho-so/{w.Draft}/sua", new() { ["Form.NomineeKind"] = "individual", ["Form.NomineeName"] = "Đã Bị Sửa", ["Form.AwardForm"] = "giay-khen" });
        Api("PUT /api/dossiers/{id:guid}", DraftOwner, $"/api/dossiers/{w.Draft}", new { nomineeKind = "individual", nomineeName = "Đã Bị Sửa", awardForm = "giay-khen" });
        Api("POST /api/dossiers/{id:guid}/submit", DraftOwner, $"/api/dossiers/{w.Draft}/submit", new { });
        Form("POST /ho-so/{id:guid}?handler=Submit", DraftOwner, $"/ho-so/{w.Draft}?handler=Submit");
        Form("POST /ho-so/{id:guid}?handler=Upload", DraftOwner, $"/ho-so/{w.Draft}?handler=Upload");
        Form("POST /ho-so/{id:guid}?handler=DeleteFile", DraftOwner, $"/ho-so/{w.Draft}?handler=DeleteFile&fileId={w.DraftFile}");

        // The submitted dossier: its unit and the organizations above it, nobody else.
        Get("GET /ho-so/{id:guid}", SeesSubmitted, $"/ho-so/{w.Submitted}");
        Get("GET /ho-so/{id:guid}/so-do", SeesSubmitted, $"/ho-so/{w.Submitted}/so-do");
        Get("GET /ho-so/{id:guid}/tep/{fileId:guid}", SeesSubmitted, $"/ho-so/{w.Submitted}/tep/{w.SubmittedFile}");
        Api("GET /api/dossiers/{id:guid}", SeesSubmitted, $"/api/dossiers/{w.Submitted}");
        Api("GET /api/dossiers/{id:guid}/attachments", SeesSubmitted, $"/api/dossiers/{w.Submitted}/attachments");
        Api("GET /api/dossiers/{id:guid}/attachments/{fileId:guid}", SeesSubmitted, $"/api/dossiers/{w.Submitted}/attachments/{w.SubmittedFile}");
        Api("GET /api/dossiers/{id:guid}/workflow-graph", SeesSubmitted, $"/api/dossiers/{w.Submitted}/workflow-graph");

        // A task belongs to the role at the organization the step names; a vote to that council's members.
        Get("GET /nhiem-vu/{id:guid}", UnitLeader, $"/nhiem-vu/{w.UnitTask}");
        Form("POST /nhiem-vu/{id:guid}", UnitLeader, $"/nhiem-vu/{w.UnitTask}", new() { ["Outcome"] = "Approve" });
        Api("POST /api/tasks/{id:guid}/complete", UnitLeader, $"/api/tasks/{w.UnitTask}/complete", new { outcome = "Approve", idempotencyKey = "matrix" });
        Form("POST /nhiem-vu/{id:guid}?handler=Vote", DepartmentCouncil, $"/nhiem-vu/{w.VoteTask}?handler=Vote", new() { ["Approve"] = "true" });
        Api("POST /api/tasks/{id:guid}/vote", DepartmentCouncil, $"/api/tasks/{w.VoteTask}/vote", new { approve = true });

        // Emulation movements: read by all, created by secretaries and leaders, changed by their owner.
        Get("GET /phong-trao/tao", MovementCreator, "/phong-trao/tao");
        Form("POST /phong-trao/tao", MovementCreator, "/phong-trao/tao", new() { ["Form.Name"] = "Phong trào ma trận", ["Form.Code"] = "ma-tran" });
        Form("POST /phong-trao/{id:guid}", MovementOwner, $"/phong-trao/{w.Movement}", new() { ["Form.Name"] = "Đổi tên trái phép", ["Form.Code"] = "ha-tang-qng-skhcn" });
        Get("GET /phong-trao/{id:guid}?handler=Compilation", MovementMember, $"/phong-trao/{w.Movement}?handler=Compilation&phaseId={w.CompiledPhase}");
        Get("GET /phong-trao/tao?handler=Compilation", MovementMember, $"/phong-trao/tao?handler=Compilation&phaseId={w.CompiledPhase}");

        // System administration.
        Get("GET /tac-vu", SystemAdmin, "/tac-vu");
        Form("POST /tac-vu?handler=Trigger", SystemAdmin, "/tac-vu?handler=Trigger", new() { ["job"] = "timers" });
        Form("POST /tac-vu?handler=Pause", SystemAdmin, "/tac-vu?handler=Pause", new() { ["job"] = "timers" });
        Form("POST /tac-vu?handler=Resend", SystemAdmin, "/tac-vu?handler=Resend", new() { ["id"] = Guid.Empty.ToString() });
        Get("GET /quan-tri/lich-lam-viec", SystemAdmin, "/quan-tri/lich-lam-viec");
        Form("POST /quan-tri/lich-lam-viec?handler=Add", SystemAdmin, "/quan-tri/lich-lam-viec?handler=Add", new() { ["Date"] = "2026-12-31", ["Kind"] = "DayOff", ["Name"] = "Nghỉ trái phép" });
        Form("POST /quan-tri/lich-lam-viec?handler=Remove", SystemAdmin, "/quan-tri/lich-lam-viec?handler=Remove", new() { ["date"] = "2026-01-01" });

        // Workflow design.
        Get("GET /thiet-ke/{id?}", WorkflowAdmin, "/thiet-ke/giay-khen");
        Form("POST /thiet-ke/{id?}?handler=Create", WorkflowAdmin, "/thiet-ke?handler=Create", new() { ["NewId"] = "ma-tran", ["NewName"] = "Ma trận" });
        Api("GET /api/activities", WorkflowAdmin, "/api/activities");
        Api("GET /api/definitions", WorkflowAdmin, "/api/definitions");
        Api("GET /api/definitions/{id}", WorkflowAdmin, "/api/definitions/giay-khen");
        Api("GET /api/definitions/{id}/versions", WorkflowAdmin, "/api/definitions/giay-khen/versions");
        Api("GET /api/definitions/{id}/versions/{version:int}", WorkflowAdmin, "/api/definitions/giay-khen/versions/1");
        Api("GET /api/definitions/{id}/diff", WorkflowAdmin, "/api/definitions/giay-khen/diff?from=1&to=1");
        Api("GET /api/definitions/{id}/export", WorkflowAdmin, "/api/definitions/giay-khen/export");
        Api("POST /api/definitions/validate", WorkflowAdmin, "/api/definitions/validate", w.Definition);
        Api("POST /api/definitions/{id}/test-run", WorkflowAdmin, "/api/definitions/giay-khen/test-run", new { outcomes = Array.Empty<string>() });
        Api("POST /api/definitions/import", WorkflowAdmin, "/api/definitions/import", w.Definition);
        Api("PUT /api/definitions/{id}/draft", WorkflowAdmin, "/api/definitions/giay-khen/draft", w.Definition);
        Api("DELETE /api/definitions/{id}/draft", WorkflowAdmin, "/api/definitions/giay-khen/draft");
        Api("POST /api/definitions/{id}/publish", WorkflowAdmin, "/api/definitions/giay-khen/publish", new { });
        Api("POST /api/definitions/{id}/rollback", WorkflowAdmin, "/api/definitions/giay-khen/rollback", new { version = 1 });
        return list;
    }

    private static bool Anyone(CurrentUser? u, MatrixWorld w) => true;
    private static bool SignedIn(CurrentUser? u, MatrixWorld w) => u is not null;
    private static bool SystemAdmin(CurrentUser? u, MatrixWorld w) => u?.IsSystemAdmin == true;
    private static bool WorkflowAdmin(CurrentUser? u, MatrixWorld w) => u?.HasAnywhere(Roles.WorkflowAdmin) == true;
    private static bool Secretary(CurrentUser? u, MatrixWorld w) => u?.HasAnywhere(Roles.Secretary) == true;
    private static bool DraftOwner(CurrentUser? u, MatrixWorld w) => u?.Has(Roles.Secretary, w.Unit) == true;
    private static bool UnitLeader(CurrentUser? u, MatrixWorld w) => u?.Has(Roles.Leader, w.Unit) == true;
    private static bool DepartmentCouncil(CurrentUser? u, MatrixWorld w) => u?.Has(Roles.CouncilMember, w.Department) == true;
    private static bool SeesSubmitted(CurrentUser? u, MatrixWorld w) => u is not null && (u.IsSystemAdmin || u.OrgIds.Intersect(w.UnitAndAbove).Any());
    private static bool MovementCreator(CurrentUser? u, MatrixWorld w) => u is not null && (u.IsSystemAdmin || u.HasAnywhere(Roles.Secretary) || u.HasAnywhere(Roles.Leader));
    private static bool MovementOwner(CurrentUser? u, MatrixWorld w) => u is not null && (u.IsSystemAdmin || u.Has(Roles.Secretary, w.MovementOwner) || u.Has(Roles.Leader, w.MovementOwner));
    private static bool MovementMember(CurrentUser? u, MatrixWorld w) => u is not null && (u.IsSystemAdmin || u.OrgIds.Contains(w.MovementOwner));
}
