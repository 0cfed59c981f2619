using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Web.Tests.Api;

/// <summary>The designer API: who may use it, validation located on nodes and edges, publish/rollback/diff, import/export, dry run.</summary>
public sealed class DesignerApiTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private static readonly string WorkflowsFolder = Path.Combine(AppContext.BaseDirectory, "workflows");

    private Task<ApiClient> AdminAsync() => app.LoginAsync("admin");

    private static async Task<JsonObject> VersionAsync(ApiClient admin, string id, int version)
    {
        var response = await admin.Http.GetAsync($"/api/definitions/{id}/versions/{version}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.Json(response);
    }

    private static async Task<JsonArray> VersionsAsync(ApiClient admin, string id)
    {
        var response = await admin.Http.GetAsync($"/api/definitions/{id}/versions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task AssertOkAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private static JsonObject Node(JsonObject definition, string id) =>
        definition["nodes"]!.AsArray().OfType<JsonObject>().Single(n => n["id"]!.GetValue<string>() == id);

    /// <summary>Inserts an Approval between the unit leader and the email/End that followed its Approve.</summary>
    internal static JsonObject WithExtraApproval(JsonObject definition, string id = "pho-giam-doc", string role = "Leader")
    {
        var copy = (JsonObject)definition.DeepClone();
        copy["nodes"]!.AsArray().Add(new JsonObject
        {
            ["id"] = id,
            ["type"] = "Approval",
            ["name"] = "Phó giám đốc xem xét",
            ["settings"] = new JsonObject { ["role"] = role, ["org"] = "unit", ["outcomes"] = new JsonArray("Approve", "Reject"), ["dueWorkingDays"] = 3 },
        });
        var edges = copy["edges"]!.AsArray();
        var approve = edges.OfType<JsonObject>().Single(e => e["from"]!.GetValue<string>() == "ld-don-vi" && e["outcome"]?.GetValue<string>() == "Approve");
        var next = approve["to"]!.GetValue<string>();
        approve["to"] = id;
        edges.Add(new JsonObject { ["from"] = id, ["outcome"] = "Approve", ["to"] = next });
        edges.Add(new JsonObject { ["from"] = id, ["outcome"] = "Reject", ["to"] = "email-khong-dong-y" });
        return copy;
    }

    [Fact]
    public async Task Only_workflow_administrators_use_the_designer_api()
    {
        using var secretary = await app.LoginAsync("thuky.ttud");
        using var leader = await app.LoginAsync("lanhdao.skhcn");
        foreach (var client in new[] { secretary, leader })
        {
            foreach (var url in new[] { "/api/definitions", "/api/activities", "/api/definitions/cap-don-vi", "/api/definitions/cap-don-vi/versions/1", "/api/definitions/cap-don-vi/export" })
            {
                var response = await client.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("quản trị quy trình", (await ApiClient.Json(response))["detail"]!.GetValue<string>());
            }
            var publish = await client.Http.PostAsJsonAsync("/api/definitions/cap-don-vi/publish", new { note = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
            var validate = await client.Http.PostAsync("/api/definitions/validate", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Forbidden, validate.StatusCode);
        }

        // The pages: the menu entry and the designer only for workflow administrators.
        var page = await secretary.Http.GetAsync("/thiet-ke/cap-don-vi");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/khong-co-quyen", page.Headers.Location!.ToString());
        Assert.DoesNotContain("href=\"/thiet-ke\"", await secretary.Http.GetStringAsync("/"));
        using (var admin = await AdminAsync())
        {
            Assert.Contains("href=\"/thiet-ke\"", await admin.Http.GetStringAsync("/"));
            var editor = await admin.Http.GetStringAsync("/thiet-ke/cap-don-vi");
            Assert.Contains("data-definition-id=\"cap-don-vi\"", editor);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/thiet-ke/khong-co")).StatusCode);
        }

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/definitions")).StatusCode);

        // A workflow administrator who is not a system administrator may.
        using var workflowAdmin = await app.LoginAsync("quantri.quytrinh");
        var list = (JsonArray)JsonNode.Parse(await workflowAdmin.Http.GetStringAsync("/api/definitions"))!;
        var unit = list.OfType<JsonObject>().Single(d => d["id"]!.GetValue<string>() == "cap-don-vi");
        Assert.True(unit["latestVersion"]!.GetValue<int>() >= 1);
        Assert.StartsWith("Cấp đơn vị", unit["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_catalog_describes_every_activity_in_vietnamese_with_its_settings_and_outcomes()
    {
        using var admin = await AdminAsync();
        var catalog = await ApiClient.Json(await admin.Http.GetAsync("/api/activities"));
        var activities = catalog["activities"]!.AsArray().OfType<JsonObject>().ToDictionary(a => a["type"]!.GetValue<string>());
        Assert.Equal(11, activities.Count);
        Assert.Equal("Phê duyệt / xử lý", activities["Approval"]["name"]!.GetValue<string>());
        Assert.Equal("outcomes", activities["Approval"]["outcomesFrom"]!.GetValue<string>());
        Assert.Equal(["Passed", "Failed"], activities["CouncilVote"]["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["Fired"], activities["Timer"]["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Empty(activities["End"]["outcomes"]!.AsArray());
        var threshold = activities["CouncilVote"]["settings"]!.AsArray().OfType<JsonObject>().Single(s => s["name"]!.GetValue<string>() == "threshold");
        Assert.Equal("Fraction", threshold["kind"]!.GetValue<string>());
        Assert.Contains(catalog["roles"]!.AsArray(), r => r!["value"]!.GetValue<string>() == "Leader" && r["label"]!.GetValue<string>() == "Lãnh đạo");
        Assert.Contains(catalog["orgSelectors"]!.AsArray(), r => r!["value"]!.GetValue<string>() == "province:noi-vu" && r["label"]!.GetValue<string>() == "Sở Nội vụ của tỉnh");
        Assert.Contains(catalog["definitions"]!.AsArray(), d => d!["id"]!.GetValue<string>() == "cap-so");
        Assert.Contains(catalog["emailTemplates"]!.AsArray(), t => t!.GetValue<string>() == "level-approved");
        Assert.Equal("Trả lại", catalog["outcomeLabels"]!["Return"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_locates_each_error_on_its_node_field_or_edge()
    {
        using var admin = await AdminAsync();
        var definition = await VersionAsync(admin, "cap-don-vi", 1);
        var clean = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/validate", definition));
        Assert.True(clean["valid"]!.GetValue<bool>(), clean.ToJsonString());

        var broken = WithExtraApproval(definition);
        Node(broken, "pho-giam-doc")["settings"]!.AsObject().Remove("role");
        broken["edges"]!.AsArray().Add(new JsonObject { ["from"] = "dong-y", ["to"] = "khong-ton-tai" });
        var result = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/validate", broken));
        Assert.False(result["valid"]!.GetValue<bool>());
        var errors = result["errors"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Contains(errors, e => e["nodeId"]?.GetValue<string>() == "pho-giam-doc" && e["field"]?.GetValue<string>() == "role" && e["code"]!.GetValue<string>() == "required");
        var edgeIndex = broken["edges"]!.AsArray().Count - 1;
        Assert.Contains(errors, e => e["edgeIndex"]?.GetValue<int>() == edgeIndex && e["code"]!.GetValue<string>() == "dangling-edge" && e["message"]!.GetValue<string>().Contains("khong-ton-tai"));
    }

    [Fact]
    public async Task Publishing_is_refused_while_errors_remain_then_creates_the_next_version_and_deletes_the_draft()
    {
        using var admin = await AdminAsync();
        const string id = "cap-tinh";
        var before = (await VersionsAsync(admin, id)).Count;
        var definition = await VersionAsync(admin, id, before);

        var invalid = (JsonObject)definition.DeepClone();
        invalid["nodes"]!.AsArray().Add(new JsonObject { ["id"] = "lac-loai", ["type"] = "SetStatus", ["settings"] = new JsonObject { ["label"] = "x" } });
        var refused = await admin.Http.PostAsJsonAsync($"/api/definitions/{id}/publish", new { definition = invalid, note = "thử", basedOnVersion = before });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await ApiClient.Json(refused);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["nodeId"]?.GetValue<string>() == "lac-loai" && e["code"]!.GetValue<string>() == "unreachable");
        Assert.Equal(before, (await VersionsAsync(admin, id)).Count);

        var changed = (JsonObject)definition.DeepClone();
        changed["name"] = definition["name"]!.GetValue<string>() + " (sửa đổi)";
        var save = await admin.Http.PutAsJsonAsync($"/api/definitions/{id}/draft", new { definition = changed, basedOnVersion = before });
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var list = (JsonArray)JsonNode.Parse(await admin.Http.GetStringAsync("/api/definitions"))!;
        Assert.True(list.OfType<JsonObject>().Single(d => d["id"]!.GetValue<string>() == id)["hasDraft"]!.GetValue<bool>());

        // Publishing without a body publishes the saved draft.
        var published = await admin.Http.PostAsJsonAsync($"/api/definitions/{id}/publish", new { note = "Đổi tên", basedOnVersion = before });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(before + 1, (await ApiClient.Json(published))["version"]!.GetValue<int>());
        var versions = await VersionsAsync(admin, id);
        var last = (JsonObject)versions[^1]!;
        Assert.Equal(before + 1, last["version"]!.GetValue<int>());
        Assert.Contains("(admin)", last["publishedBy"]!.GetValue<string>());
        Assert.Equal("Đổi tên", last["note"]!.GetValue<string>());
        Assert.EndsWith("(sửa đổi)", (await VersionAsync(admin, id, before + 1))["name"]!.GetValue<string>());
        var state = await ApiClient.Json(await admin.Http.GetAsync($"/api/definitions/{id}"));
        Assert.Null(state["draft"]);

        // A second publish based on the old version is a conflict: someone else's version would be lost.
        var stale = await admin.Http.PostAsJsonAsync($"/api/definitions/{id}/publish", new { definition = changed, basedOnVersion = before });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Rollback_publishes_an_old_version_again_and_the_diff_reads_in_vietnamese()
    {
        using var admin = await AdminAsync();
        const string id = "cap-trung-uong";
        var start = (await VersionsAsync(admin, id)).Count;
        var original = await VersionAsync(admin, id, start);
        var approval = original["nodes"]!.AsArray().OfType<JsonObject>().First(n => n["type"]!.GetValue<string>() == "Approval" && n["settings"]?["dueWorkingDays"] is not null && n["settings"]?["role"]?.GetValue<string>() == "Leader");
        var approvalId = approval["id"]!.GetValue<string>();
        var changed = (JsonObject)original.DeepClone();
        var settings = Node(changed, approvalId)["settings"]!.AsObject();
        settings["dueWorkingDays"] = settings["dueWorkingDays"]!.GetValue<int>() + 5;
        settings["role"] = "Secretary";
        var firstEdge = (JsonObject)changed["edges"]!.AsArray()[0]!;
        var oldTarget = firstEdge["to"]!.GetValue<string>();
        changed["nodes"]!.AsArray().Add(new JsonObject { ["id"] = "bao-tin", ["type"] = "SendEmail", ["name"] = "Báo tin đã tiếp nhận", ["settings"] = new JsonObject { ["template"] = "level-approved", ["to"] = new JsonArray("submitter") } });
        firstEdge["to"] = "bao-tin";
        changed["edges"]!.AsArray().Add(new JsonObject { ["from"] = "bao-tin", ["to"] = oldTarget });
        var publish = await admin.Http.PostAsJsonAsync($"/api/definitions/{id}/publish", new { definition = changed, note = "Thêm email" });
        await AssertOkAsync(publish);

        var diff = await ApiClient.Json(await admin.Http.GetAsync($"/api/definitions/{id}/diff?from={start}&to={start + 1}"));
        Assert.Equal("bao-tin", diff["nodesAdded"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Gửi email", diff["nodesAdded"]![0]!["typeName"]!.GetValue<string>());
        var change = diff["nodesChanged"]!.AsArray().OfType<JsonObject>().Single(c => c["id"]!.GetValue<string>() == approvalId);
        Assert.Contains(change["changes"]!.AsArray(), c => c!["label"]!.GetValue<string>() == "Thời hạn (ngày làm việc)");
        Assert.Contains(change["changes"]!.AsArray(), c => c!["label"]!.GetValue<string>() == "Vai trò" && c["before"]!.GetValue<string>() == "Lãnh đạo" && c["after"]!.GetValue<string>() == "Thư ký / Chuyên viên TĐKT");
        Assert.Equal(2, diff["edgesAdded"]!.AsArray().Count);
        Assert.Single(diff["edgesRemoved"]!.AsArray());
        var summary = diff["summary"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains("Thêm bước “Báo tin đã tiếp nhận” (Gửi email).", summary);
        Assert.Contains(summary, s => s.StartsWith("Sửa bước", StringComparison.Ordinal) && s.Contains("Vai trò: Lãnh đạo → Thư ký / Chuyên viên TĐKT"));

        var rollback = await admin.Http.PostAsJsonAsync($"/api/definitions/{id}/rollback", new { version = start });
        await AssertOkAsync(rollback);
        Assert.Equal(start + 2, (await ApiClient.Json(rollback))["version"]!.GetValue<int>());
        var restored = await VersionAsync(admin, id, start + 2);
        Assert.True(JsonNode.DeepEquals(original, restored), "the rolled back version has the old content");
        var back = await ApiClient.Json(await admin.Http.GetAsync($"/api/definitions/{id}/diff?from={start}&to={start + 2}"));
        Assert.True(back["same"]!.GetValue<bool>());
        Assert.StartsWith("Khôi phục nội dung phiên bản", ((JsonObject)(await VersionsAsync(admin, id))[^1]!)["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_means_the_same_as_the_workflow_files_and_an_import_round_trips()
    {
        using var admin = await AdminAsync();
        var files = Directory.GetFiles(WorkflowsFolder, "*.json");
        Assert.True(files.Length >= 8);
        foreach (var file in files)
        {
            var fromFile = DefinitionReader.Read(await File.ReadAllTextAsync(file)).Definition!;
            var export = await admin.Http.GetAsync($"/api/definitions/{fromFile.Id}/export?version=1");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal($"{fromFile.Id}.json", export.Content.Headers.ContentDisposition?.FileName);
            var exported = await export.Content.ReadAsStringAsync();
            AssertSameMeaning(fromFile, DefinitionReader.Read(exported).Definition!);
        }

        var text = await (await admin.Http.GetAsync("/api/definitions/cap-so/export?version=1")).Content.ReadAsStringAsync();
        var import = await admin.Http.PostAsync("/api/definitions/import", new StringContent(text, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var imported = await ApiClient.Json(import);
        Assert.Equal("cap-so", imported["id"]!.GetValue<string>());
        Assert.True(imported["valid"]!.GetValue<bool>());
        var again = await (await admin.Http.GetAsync("/api/definitions/cap-so/export?draft=true")).Content.ReadAsStringAsync();
        Assert.Equal(text, again);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync("/api/definitions/cap-so/draft")).StatusCode);

        var bad = await admin.Http.PostAsync("/api/definitions/import", new StringContent("""{"$schema":"x","nodes":[]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains((await ApiClient.Json(bad))["errors"]!.AsArray(), e => e!["field"]?.GetValue<string>() == "id");
    }

    private static void AssertSameMeaning(WorkflowDefinition expected, WorkflowDefinition actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Nodes.Select(n => (n.Id, n.Type, n.Name)), actual.Nodes.Select(n => (n.Id, n.Type, n.Name)));
        foreach (var (a, b) in expected.Nodes.Zip(actual.Nodes))
            Assert.True(JsonNode.DeepEquals(a.Settings, b.Settings), $"{expected.Id}/{a.Id} settings");
        Assert.Equal(expected.Edges, actual.Edges);
        Assert.True(JsonNode.DeepEquals(expected.Layout, actual.Layout), $"{expected.Id} layout");
        Assert.True(JsonNode.DeepEquals(expected.Variables, actual.Variables), $"{expected.Id} variables");
    }

    private async Task<Dictionary<string, int>> RowCountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ThiDuaDbContext>();
        return new Dictionary<string, int>
        {
            ["Dossiers"] = await db.Dossiers.CountAsync(),
            ["DossierAccess"] = await db.DossierAccess.CountAsync(),
            ["Instances"] = await db.Instances.CountAsync(),
            ["Bookmarks"] = await db.Bookmarks.CountAsync(),
            ["Ballots"] = await db.Ballots.CountAsync(),
            ["Journal"] = await db.Journal.CountAsync(),
            ["Outbox"] = await db.Outbox.CountAsync(),
            ["DefinitionVersions"] = await db.DefinitionVersions.CountAsync(),
            ["Drafts"] = await db.Drafts.CountAsync(),
            ["Users"] = await db.Users.CountAsync(),
        };
    }

    [Fact]
    public async Task A_test_run_follows_the_chosen_outcomes_through_sub_workflows_and_writes_nothing()
    {
        using var admin = await AdminAsync();
        var dossier = new { awardForm = "giay-khen", nomineeKind = "individual", unit = "ttud-skhcn-qng" };
        var before = await RowCountsAsync();

        var run = await admin.Http.PostAsJsonAsync("/api/definitions/giay-khen/test-run",
            new { dossier, outcomes = new[] { "Approve", "Accept", "Approve", "Passed", "Approve" } });
        await AssertOkAsync(run);
        var result = await ApiClient.Json(run);
        Assert.Equal("completed", result["status"]!.GetValue<string>());
        Assert.Equal("Approved", result["result"]!.GetValue<string>());
        var path = result["path"]!.AsArray().OfType<JsonObject>().Select(s => $"{s["definitionId"]}/{s["nodeId"]}").ToList();
        Assert.Equal("giay-khen/bat-dau", path[0]);
        Assert.Contains("cap-don-vi/ld-don-vi", path);
        Assert.True(path.IndexOf("cap-don-vi/ld-don-vi") < path.IndexOf("giay-khen/xet-cap-so"));
        Assert.Equal("giay-khen/da-khen", path[^1]);
        var leader = result["path"]!.AsArray().OfType<JsonObject>().First(s => s["nodeId"]!.GetValue<string>() == "ld-don-vi");
        Assert.Equal("Đồng ý", leader["outcomeName"]!.GetValue<string>());
        Assert.Equal(1, leader["depth"]!.GetValue<int>());

        // Fewer outcomes: it stops waiting; an outcome the step does not offer is refused.
        var waiting = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/giay-khen/test-run", new { dossier, outcomes = new[] { "Approve" } }));
        Assert.Equal("waiting", waiting["status"]!.GetValue<string>());
        Assert.Equal("Tiếp nhận hồ sơ tại Sở", waiting["waitingAt"]![0]!["name"]!.GetValue<string>());
        var refused = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/giay-khen/test-run", new { dossier, outcomes = new[] { "Passed" } }));
        Assert.Equal("refused", refused["status"]!.GetValue<string>());

        // A draft (sent in the body) runs too, and a vote that fails takes the Failed branch.
        var draft = WithExtraApproval(await VersionAsync(admin, "cap-don-vi", 1));
        var draftRun = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/cap-don-vi/test-run", new { definition = draft, dossier, outcomes = new[] { "Approve", "Approve" } }));
        Assert.Equal("completed", draftRun["status"]!.GetValue<string>());
        Assert.Contains(draftRun["path"]!.AsArray(), s => s!["nodeId"]!.GetValue<string>() == "pho-giam-doc");
        var failed = await ApiClient.Json(await admin.Http.PostAsJsonAsync("/api/definitions/cap-so/test-run", new { dossier, outcomes = new[] { "Accept", "Approve", "Failed" } }));
        Assert.Contains(failed["path"]!.AsArray(), s => s!["outcome"]?.GetValue<string>() == "Failed");

        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task The_dossier_graph_shows_current_and_passed_steps_to_whoever_may_see_the_dossier()
    {
        var chain = new Chain(app);
        var id = await chain.SubmitNewAsync("Nguyễn Thị Sơ Đồ", "giay-khen");
        var secretary = await chain.As("thuky.ttud");
        var graph = await ApiClient.Json(await secretary.Http.GetAsync($"/api/dossiers/{id}/workflow-graph"));
        var instances = graph["instances"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["giay-khen", "cap-don-vi"], instances.Select(i => i["definitionId"]!.GetValue<string>()));
        var unit = instances[1];
        Assert.Equal("xet-cap-don-vi", unit["calledFromNode"]!.GetValue<string>());
        Assert.Equal(["ld-don-vi"], unit["current"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("tt-ld-don-vi", unit["completed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("bat-dau", unit["completed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["xet-cap-don-vi"], instances[0]["current"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(unit["definition"]!["nodes"]);

        await chain.UnitAsync(id);
        graph = await ApiClient.Json(await secretary.Http.GetAsync($"/api/dossiers/{id}/workflow-graph"));
        unit = graph["instances"]!.AsArray().OfType<JsonObject>().Single(i => i["definitionId"]!.GetValue<string>() == "cap-don-vi");
        var passed = unit["completed"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("ld-don-vi", passed);
        Assert.Contains("email-dong-y", passed);
        Assert.DoesNotContain("email-khong-dong-y", passed);
        Assert.Equal(["Approve"], unit["outcomes"]!["ld-don-vi"]!.AsArray().Select(o => o!.GetValue<string>()));

        using var outsider = await app.LoginAsync("lanhdao.laichau");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/dossiers/{id}/workflow-graph")).StatusCode);
    }
}
