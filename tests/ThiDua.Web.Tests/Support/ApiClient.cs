using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Web.Tests.Support;

/// <summary>An HTTP client signed in as one demo account, with the calls the tests make most.</summary>
public sealed class ApiClient(HttpClient http, string username) : IDisposable
{
    public HttpClient Http => http;
    public string Username => username;

    public async Task LoginAsync(string password)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.True(response.IsSuccessStatusCode, $"login {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Guid> CreateDossierAsync(string name, string awardForm = "giay-khen", string kind = "individual", string? movement = "ha-tang-qng-skhcn")
    {
        var response = await http.PostAsJsonAsync("/api/dossiers", new { nomineeKind = kind, nomineeName = name, awardForm, movement, summary = "Hoàn thành xuất sắc nhiệm vụ." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response))["id"]!.GetValue<Guid>();
    }

    public async Task<HttpResponseMessage> SubmitAsync(Guid dossierId, string? comment = null) =>
        await http.PostAsJsonAsync($"/api/dossiers/{dossierId}/submit", new { comment });

    /// <summary>The caller's inbox, as far as the API pages it (a test may give someone more than the default page).</summary>
    public async Task<JsonArray> TasksAsync()
    {
        var response = await http.GetAsync($"/api/tasks?pageSize={ThiDua.Infrastructure.Tasks.TaskService.MaxPageSize}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The caller's open task for the dossier; fails the test if there is none.</summary>
    public async Task<JsonObject> TaskForAsync(Guid dossierId)
    {
        var tasks = await TasksAsync();
        var task = tasks.OfType<JsonObject>().FirstOrDefault(t => t["dossierId"]!.GetValue<Guid>() == dossierId);
        Assert.True(task is not null, $"{username} has no open task for dossier {dossierId}; has: {tasks.ToJsonString()}");
        return task!;
    }

    public async Task<HttpResponseMessage> CompleteAsync(Guid taskId, string outcome, string? comment = null, string? key = null) =>
        await http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, comment, idempotencyKey = key ?? Guid.NewGuid().ToString() });

    /// <summary>Finds this user's task on the dossier, checks its step, and completes it.</summary>
    public async Task DoAsync(Guid dossierId, string expectedStep, string outcome, string? comment = null)
    {
        var task = await TaskForAsync(dossierId);
        Assert.Equal(expectedStep, task["step"]!.GetValue<string>());
        var response = await CompleteAsync(task["id"]!.GetValue<Guid>(), outcome, comment);
        Assert.True(response.IsSuccessStatusCode, $"{username} {outcome} on '{expectedStep}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpResponseMessage> VoteAsync(Guid taskId, bool approve) =>
        await http.PostAsJsonAsync($"/api/tasks/{taskId}/vote", new { approve });

    public async Task<JsonObject> DossierAsync(Guid id)
    {
        var response = await http.GetAsync($"/api/dossiers/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{username} GET dossier: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(), documentOptions: new JsonDocumentOptions())!;

    public void Dispose() => http.Dispose();
}
