using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThiDua.Web.Tests.Faults;

public sealed record Acknowledged(Guid TaskId, string Username, string Outcome, bool Vote);

/// <summary>
/// Clients that behave as people do when the server vanishes mid-click: they wait and send the same thing again.
/// A completion is retried with the same idempotency key, so a retry of a decision that did commit must get the
/// same answer back, never a second transition and never a 409.
/// </summary>
public sealed class CrashLoad(Uri baseAddress)
{
    private static readonly (string User, string Step, string Outcome)[] Before =
    [
        ("lanhdao.ttud", "Lãnh đạo đơn vị xét, ký đề nghị", "Approve"),
        ("thuky.skhcn", "Tiếp nhận hồ sơ tại Sở", "Accept"),
        ("thuky.skhcn", "Thẩm định hồ sơ tại Sở", "Approve"),
    ];
    private static readonly (string User, string Step, string Outcome) Decide = ("lanhdao.skhcn", "Giám đốc Sở quyết định / trình cấp trên", "Approve");

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private int _retries;

    public ConcurrentBag<Acknowledged> Acknowledged { get; } = [];
    /// <summary>Votes cast before a crash cut the answer off; their retry was refused as already cast.</summary>
    public ConcurrentBag<Acknowledged> Recovered { get; } = [];
    public ConcurrentBag<Guid> Dossiers { get; } = [];
    public ConcurrentBag<string> Errors { get; } = [];
    public int Retries => _retries;

    /// <summary>One Giấy khen dossier from entry to the Sở's decision: 4 decisions and 5 council votes.</summary>
    public async Task DriveOneAsync(int number)
    {
        var created = await SendAsync("thuky.ttud", () => new HttpRequestMessage(HttpMethod.Post, "/api/dossiers")
        {
            Content = JsonContent.Create(new { nomineeKind = "individual", nomineeName = $"Chịu Lỗi {number:D4}", awardForm = "giay-khen", movement = "ha-tang-qng-skhcn", summary = "Hoàn thành xuất sắc nhiệm vụ." }),
        });
        if (created.Status != HttpStatusCode.Created)
        {
            Errors.Add($"create {number}: {(int)created.Status} {created.Body}");
            return;
        }
        var id = JsonNode.Parse(created.Body)!["id"]!.GetValue<Guid>();
        Dossiers.Add(id);

        var submitted = await SendAsync("thuky.ttud", () => new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/submit") { Content = JsonContent.Create(new { }) });
        // A submit cut off by a crash may have committed; its retry is then refused as "already submitted".
        if (submitted.Status != HttpStatusCode.OK && !(submitted.Retried && submitted.Status == HttpStatusCode.Conflict))
        {
            Errors.Add($"submit {id}: {(int)submitted.Status} {submitted.Body}");
            return;
        }

        foreach (var (user, step, outcome) in Before)
            if (!await CompleteAsync(id, user, step, outcome))
                return;
        for (var member = 1; member <= 5; member++)
            if (!await VoteAsync(id, $"hd.skhcn.{member}"))
                return;
        await CompleteAsync(id, Decide.User, Decide.Step, Decide.Outcome);
    }

    private async Task<bool> CompleteAsync(Guid dossier, string user, string step, string outcome)
    {
        if (await TaskAsync(dossier, user, step) is not { } task)
            return false;
        var result = await SendAsync(user, () => new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/complete")
        {
            Content = JsonContent.Create(new { outcome, idempotencyKey = task.ToString("N") }),
        });
        if (result.Status != HttpStatusCode.OK)
        {
            Errors.Add($"{user} {step} on {dossier}{(result.Retried ? " (retried after a crash)" : "")}: {(int)result.Status} {result.Body}");
            return false;
        }
        Acknowledged.Add(new Acknowledged(task, user, outcome, Vote: false));
        return true;
    }

    private async Task<bool> VoteAsync(Guid dossier, string member)
    {
        if (await TaskAsync(dossier, member, null) is not { } task)
            return false;
        var result = await SendAsync(member, () => new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/vote") { Content = JsonContent.Create(new { approve = true }) });
        if (result.Status == HttpStatusCode.OK)
            Acknowledged.Add(new Acknowledged(task, member, "Yes", Vote: true));
        // A vote has no idempotency key: one that committed before the crash is refused on retry as already cast,
        // which the final check confirms from the ballots.
        else if (result.Retried && result.Status == HttpStatusCode.Conflict)
            Recovered.Add(new Acknowledged(task, member, "Yes", Vote: true));
        else
        {
            Errors.Add($"{member} vote on {dossier}: {(int)result.Status} {result.Body}");
            return false;
        }
        return true;
    }

    private async Task<Guid?> TaskAsync(Guid dossier, string user, string? step)
    {
        var list = await SendAsync(user, () => new HttpRequestMessage(HttpMethod.Get, "/api/tasks"));
        if (list.Status != HttpStatusCode.OK)
        {
            Errors.Add($"tasks of {user}: {(int)list.Status} {list.Body}");
            return null;
        }
        var task = JsonNode.Parse(list.Body)!.AsArray().FirstOrDefault(t => t!["dossierId"]!.GetValue<Guid>() == dossier);
        if (task is null || (step is not null && task["step"]?.GetValue<string>() != step))
        {
            Errors.Add($"{user} has no task \"{step}\" for {dossier}: {list.Body[..Math.Min(400, list.Body.Length)]}");
            return null;
        }
        return task["id"]!.GetValue<Guid>();
    }

    private sealed record Result(HttpStatusCode Status, string Body, bool Retried);

    /// <summary>Sends until the server answers; a request cut by a crash is sent again, a lost sign-in renewed.</summary>
    private async Task<Result> SendAsync(string user, Func<HttpRequestMessage> request)
    {
        var retried = false;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 600)
                return new Result(HttpStatusCode.ServiceUnavailable, "the server never came back", retried);
            try
            {
                var client = await ClientAsync(user);
                using var message = request();
                using var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _clients.TryRemove(user, out _);
                    continue;
                }
                return new Result(response.StatusCode, body, retried);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                retried = true;
                Interlocked.Increment(ref _retries);
                await Task.Delay(200);
            }
        }
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        if (_clients.TryGetValue(user, out var existing))
            return existing;
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = "ThiDua@2026" });
        if (!login.IsSuccessStatusCode)
            throw new HttpRequestException($"login {user}: {(int)login.StatusCode}");
        return _clients.GetOrAdd(user, client);
    }
}
