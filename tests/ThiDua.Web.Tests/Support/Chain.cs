namespace ThiDua.Web.Tests.Support;

/// <summary>Drives a dossier through the review levels with the demo accounts, over HTTP.</summary>
public sealed class Chain(ThiDuaAppFactory app)
{
    private readonly Dictionary<string, ApiClient> _clients = [];

    public async Task<ApiClient> As(string username)
    {
        if (!_clients.TryGetValue(username, out var client))
            _clients[username] = client = await app.LoginAsync(username);
        return client;
    }

    /// <summary>After moving the clock past the cookie lifetime everyone has to sign in again, as in real life.</summary>
    public void SignOutEveryone() => _clients.Clear();

    public async Task<Guid> SubmitNewAsync(string name, string awardForm)
    {
        var secretary = await As("thuky.ttud");
        var id = await secretary.CreateDossierAsync(name, awardForm);
        var response = await secretary.SubmitAsync(id);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    public async Task UnitAsync(Guid id) => await (await As("lanhdao.ttud")).DoAsync(id, "Lãnh đạo đơn vị xét, ký đề nghị", "Approve");

    public async Task CouncilAsync(Guid id, string prefix, int yes, int no)
    {
        for (var i = 1; i <= yes + no; i++)
        {
            var member = await As($"{prefix}.{i}");
            var task = await member.TaskForAsync(id);
            var response = await member.VoteAsync(task["id"]!.GetValue<Guid>(), approve: i <= yes);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public async Task DepartmentAsync(Guid id)
    {
        var office = await As("thuky.skhcn");
        await office.DoAsync(id, "Tiếp nhận hồ sơ tại Sở", "Accept");
        await office.DoAsync(id, "Thẩm định hồ sơ tại Sở", "Approve");
        await CouncilAsync(id, "hd.skhcn", 5, 0);
        await (await As("lanhdao.skhcn")).DoAsync(id, "Giám đốc Sở quyết định / trình cấp trên", "Approve");
    }

    public async Task ProvinceAsync(Guid id)
    {
        var snv = await As("chuyenvien.snv");
        await snv.DoAsync(id, "Sở Nội vụ tiếp nhận hồ sơ", "Accept");
        await snv.DoAsync(id, "Sở Nội vụ thẩm định", "Approve");
        await (await As("lanhdao.snv")).DoAsync(id, "Giám đốc Sở Nội vụ ký tờ trình", "Approve");
        await CouncilAsync(id, "hd.tinh", 5, 0);
        await (await As("lanhdao.ubnd")).DoAsync(id, "Chủ tịch UBND tỉnh quyết định / trình Thủ tướng", "Approve");
    }

    public async Task CentralAsync(Guid id)
    {
        var tw = await As("chuyenvien.tw");
        await tw.DoAsync(id, "Ban TĐKT TW tiếp nhận hồ sơ", "Accept");
        await tw.DoAsync(id, "Ban TĐKT TW thẩm định", "Approve");
        await (await As("lanhdao.tw")).DoAsync(id, "Lãnh đạo Bộ Nội vụ trình, ghi nhận quyết định", "Approve");
    }
}
