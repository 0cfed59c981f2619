using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Security;

/// <summary>Malformed, oversized and hostile requests: always a clear 4xx, never a 500, never a change.</summary>
public sealed class HostileInputTests(ThiDuaAppFactory app) : IClassFixture<ThiDuaAppFactory>
{
    private const int Seed = 20261123;

    private static readonly string[] Hostile =
    [
        "", " ", "null", "[]", "{}", "\"x\"", "123", "true", "{\"a\":", "{\"nomineeKind\":{}}", "{\"nomineeName\":[1,2]}", "<script>alert(1)</script>",
        "{\"nomineeKind\":\"individual\",\"nomineeName\":\"" + new string('A', 400) + "\",\"awardForm\":\"giay-khen\"}", "\u0000\u0001", "{\"outcome\":\"Approve\",\"comment\":" + new string('[', 5000),
        "{\"approve\":\"yes\"}", "{\"approve\":null}", "{\"outcome\":null}", "{\"outcome\":\"'; DROP TABLE Dossiers;--\"}", "{\"unit\":\"../../etc/passwd\"}",
    ];

    private const string Noise = "{}[]\":,\\\u00e0\u0111x9-\n";

    private static string Mutate(Random random, string json)
    {
        var chars = json.ToCharArray().ToList();
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && chars.Count > 0; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                case 2: chars[at] = (char)random.Next(32, 0x2000); break;
                default: chars.InsertRange(at, new string(chars[at], random.Next(1, 50))); break;
            }
        }
        return new string([.. chars]);
    }

    [Theory]
    [InlineData("/api/tasks?page=2147483647")]
    [InlineData("/api/tasks?page=-5&pageSize=-1")]
    [InlineData("/api/dossiers?page=2147483647")]
    [InlineData("/api/dossiers?page=99999999&pageSize=200&q=nguyen")]
    [InlineData("/hop-viec?p=2147483647")]
    [InlineData("/theo-doi?p=2147483647")]
    [InlineData("/api/tasks?page=abc")]
    public async Task Any_page_number_is_an_empty_page_or_a_clear_refusal_never_a_server_error(string url)
    {
        var chain = new Chain(app);
        var response = await (await chain.As("thuky.skhcn")).Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        // A page far past the end is empty, not the first page again (the offset once wrapped round to a negative).
        if (url.Contains("=2147483647", StringComparison.Ordinal) || url.Contains("=99999999", StringComparison.Ordinal))
            Assert.DoesNotContain("HS-2026-", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thousands_of_malformed_payloads_get_a_4xx_and_change_nothing()
    {
        var chain = new Chain(app);
        var secretary = await chain.As("thuky.ttud");
        var leader = await chain.As("lanhdao.ttud");
        // Sees the dossier but may not act on the unit's task: a mutation that happens to be well-formed is still refused.
        var director = await chain.As("lanhdao.skhcn");
        var member = await chain.As("hd.skhcn.1");
        var dossierId = await chain.SubmitNewAsync("Đối Tượng Bị Tấn Công", "giay-khen");
        var taskId = (await leader.TaskForAsync(dossierId))["id"]!.GetValue<Guid>();
        var before = await CountsAsync();

        var random = new Random(Seed);
        string[] valid =
        [
            """{"nomineeKind":"individual","nomineeName":"Nguyễn Văn A","awardForm":"giay-khen","movement":"ha-tang-qng-skhcn","summary":"x"}""",
            """{"outcome":"Return","comment":"","idempotencyKey":"k"}""",
            """{"approve":true}""",
        ];
        var targets = new (ApiClient Client, string Method, string Url, int Body)[]
        {
            (secretary, "POST", "/api/dossiers", 0),
            (secretary, "PUT", $"/api/dossiers/{dossierId}", 0),
            (director, "POST", $"/api/tasks/{taskId}/complete", 1),
            (member, "POST", $"/api/tasks/{taskId}/vote", 2),
            (secretary, "POST", "/api/auth/login", 0),
        };
        var cases = 0;
        var failures = new List<string>();
        foreach (var payload in Hostile.Concat(Enumerable.Range(0, 400).Select(_ => (string?)null)))
        {
            foreach (var (client, method, url, body) in targets)
            {
                var text = payload ?? Mutate(random, valid[body]);
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
                var response = await client.Http.SendAsync(request);
                cases++;
                var status = (int)response.StatusCode;
                if (status >= 500 || (status >= 200 && status < 300 && url == "/api/dossiers" && method == "POST" && !IsValidCreate(text)))
                    failures.Add($"{method} {url} [{text[..Math.Min(80, text.Length)]}] → {status}");
            }
        }
        Assert.True(cases >= 2000, $"only {cases} cases");
        Assert.Empty(failures);
        var after = await CountsAsync();
        // Only well-formed creates may add drafts; nothing else moves.
        Assert.Equal(before.Journal, after.Journal);
        Assert.Equal(before.Bookmarks, after.Bookmarks);
        Assert.Equal(taskId, (await leader.TaskForAsync(dossierId))["id"]!.GetValue<Guid>());
    }

    private static bool IsValidCreate(string text)
    {
        try
        {
            var o = JsonNode.Parse(text) as JsonObject;
            return o?["nomineeKind"]?.GetValue<string>() is "individual" or "collective" or "household" && !string.IsNullOrWhiteSpace(o["nomineeName"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private Task<(int Journal, int Bookmarks)> CountsAsync() =>
        app.DbAsync(async db => (await db.Journal.CountAsync(), await db.Bookmarks.CountAsync()));

    [Fact]
    public async Task Html_and_script_typed_into_a_field_is_shown_as_text()
    {
        var secretary = await new Chain(app).As("thuky.ttud");
        var response = await secretary.Http.PostAsJsonAsync("/api/dossiers", new
        {
            nomineeKind = "individual", nomineeName = "<script>alert('xss')</script><b>Đậm</b>", awardForm = "giay-khen", summary = "<img src=x onerror=alert(1)>",
        });
        var id = (await ApiClient.Json(response))["id"]!.GetValue<Guid>();
        var page = await secretary.Http.GetStringAsync($"/ho-so/{id}");
        Assert.DoesNotContain("<script>alert('xss')</script>", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;&lt;b&gt;Đậm&lt;/b&gt;", page);
        var board = await secretary.Http.GetStringAsync("/theo-doi?Q=script");
        Assert.Contains("&lt;script&gt;", board);
        Assert.DoesNotContain("<script>alert", board);
    }

    [Fact]
    public void The_definition_reader_survives_thousands_of_mutated_definitions()
    {
        var random = new Random(Seed);
        var sources = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json").Select(File.ReadAllText).ToList();
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(random, sources[i % sources.Count]);
            var read = Workflows.Definitions.DefinitionReader.Read(text);
            if (read.Definition is not null)
                Workflows.Definitions.DefinitionValidator.Default.Validate(read.Definition);
            if (!read.Success)
            {
                rejected++;
                Assert.All(read.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            }
        }
        Assert.True(rejected > 1000, $"only {rejected} of 3000 mutations were rejected");
        var huge = Workflows.Definitions.DefinitionReader.Read("{\"nodes\":[" + string.Join(",", Enumerable.Repeat("{\"id\":\"a\",\"type\":\"Start\"}", 60_000)) + "]}");
        Assert.False(huge.Success);
        var deep = Workflows.Definitions.DefinitionReader.Read(new string('[', 10_000) + new string(']', 10_000));
        Assert.False(deep.Success);
    }
}
