using ThiDua.Workflows.Runtime;

namespace ThiDua.Workflows.Tests.Support;

/// <summary>A small organization tree shaped like the demo data: TW, one province with Sở Nội vụ, one Sở with one unit.</summary>
public sealed class TestDirectory : IOrganizationDirectory
{
    public sealed record Org(Guid Id, string Name, string Kind, Guid? ParentId, string? Function = null);

    private readonly Dictionary<Guid, Org> _orgs = [];
    private readonly Dictionary<Guid, UserRef> _users = [];
    private readonly List<(Guid UserId, string Role, Guid OrgId)> _roles = [];

    public Org Central { get; }
    public Org Province { get; }
    public Org Interior { get; }
    public Org Department { get; }
    public Org Unit { get; }
    public Org OtherProvince { get; }

    public TestDirectory()
    {
        Central = AddOrg("Ban Thi đua – Khen thưởng Trung ương", "Central", null, "ban-tdkt-tw");
        Province = AddOrg("UBND tỉnh Quảng Ngãi", "Province", null);
        Interior = AddOrg("Sở Nội vụ Quảng Ngãi", "Department", Province.Id, "noi-vu");
        Department = AddOrg("Sở Khoa học và Công nghệ Quảng Ngãi", "Department", Province.Id);
        Unit = AddOrg("Trung tâm Ứng dụng và Dịch vụ KH&CN", "Unit", Department.Id);
        OtherProvince = AddOrg("UBND tỉnh Lai Châu", "Province", null);

        AddUser("thuky.ttud", Roles.Secretary, Unit);
        AddUser("lanhdao.ttud", Roles.Leader, Unit);
        AddUser("thuky.skhcn", Roles.Secretary, Department);
        AddUser("lanhdao.skhcn", Roles.Leader, Department);
        for (var i = 1; i <= 5; i++)
            AddUser($"hd.skhcn.{i}", Roles.CouncilMember, Department);
        AddUser("chuyenvien.snv", Roles.Secretary, Interior);
        AddUser("lanhdao.snv", Roles.Leader, Interior);
        for (var i = 1; i <= 5; i++)
            AddUser($"hd.tinh.{i}", Roles.CouncilMember, Province);
        AddUser("lanhdao.ubnd", Roles.Leader, Province);
        AddUser("chuyenvien.tw", Roles.Secretary, Central);
        AddUser("lanhdao.tw", Roles.Leader, Central);
    }

    public Org AddOrg(string name, string kind, Guid? parent, string? function = null)
    {
        var org = new Org(Guid.NewGuid(), name, kind, parent, function);
        _orgs[org.Id] = org;
        return org;
    }

    public UserRef AddUser(string username, string role, Org org)
    {
        var user = _users.Values.FirstOrDefault(u => u.DisplayName == username) ?? new UserRef(Guid.NewGuid(), username, $"{username}@thidua.test");
        _users[user.Id] = user;
        _roles.Add((user.Id, role, org.Id));
        return user;
    }

    public UserRef User(string username) => _users.Values.Single(u => u.DisplayName == username);

    public Actor Actor(string username) => new(User(username).Id, username);

    public ValueTask<OrgRef?> ResolveAsync(string selector, Guid unitOrgId, CancellationToken ct)
    {
        var chain = Ancestors(unitOrgId).ToList();
        Org? found = selector switch
        {
            OrgSelectors.Unit => chain.FirstOrDefault(),
            OrgSelectors.Department => chain.FirstOrDefault(o => o.Kind == "Department"),
            OrgSelectors.Province => chain.FirstOrDefault(o => o.Kind == "Province"),
            OrgSelectors.ProvinceInterior => chain.FirstOrDefault(o => o.Kind == "Province") is { } p ? _orgs.Values.FirstOrDefault(o => o.ParentId == p.Id && o.Function == "noi-vu") : null,
            OrgSelectors.Central => _orgs.Values.FirstOrDefault(o => o.Function == "ban-tdkt-tw"),
            _ => null,
        };
        return new(found is null ? null : new OrgRef(found.Id, found.Name));
    }

    private IEnumerable<Org> Ancestors(Guid id)
    {
        for (Guid? cur = id; cur is { } c && _orgs.TryGetValue(c, out var org); cur = org.ParentId)
            yield return org;
    }

    public ValueTask<IReadOnlyList<UserRef>> UsersInRoleAsync(string role, Guid orgId, CancellationToken ct) =>
        new(_roles.Where(r => r.Role == role && r.OrgId == orgId).Select(r => _users[r.UserId]).ToList());

    public ValueTask<UserRef?> FindUserAsync(Guid userId, CancellationToken ct) => new(_users.GetValueOrDefault(userId));
}
