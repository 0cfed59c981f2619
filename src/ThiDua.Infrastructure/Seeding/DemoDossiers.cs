using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Workflows.Definitions;

namespace ThiDua.Infrastructure.Seeding;

/// <summary>
/// A handful of dossiers at different stages, produced by the real services (so they carry a real journal,
/// tasks and emails) rather than by inserting rows: the tracking board is not empty on first start.
/// </summary>
public sealed class DemoDossiers(IServiceScopeFactory scopes)
{
    public async Task AddAsync(CancellationToken ct)
    {
        await CreateAsync("Nguyễn Văn Thành", "individual", "giay-khen", "skhcn-qng-2024", "Chuyên viên", "Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì 02 đề tài ứng dụng tiến bộ KH&CN.", ct);

        var center = await SubmitNewAsync("Trung tâm Ứng dụng và Dịch vụ KH&CN", "collective", "bang-khen-tinh", "ha-tang-qng-skhcn", ct);
        await DoAsync(center, "lanhdao.ttud", Outcomes.Approve, null, ct);

        var voting = await SubmitNewAsync("Phạm Thị Hương", "individual", "giay-khen", "skhcn-qng-2024", ct);
        await DoAsync(voting, "lanhdao.ttud", Outcomes.Approve, null, ct);
        await DoAsync(voting, "thuky.skhcn", Outcomes.Accept, null, ct);
        await DoAsync(voting, "thuky.skhcn", Outcomes.Approve, "Đủ điều kiện, hồ sơ đầy đủ.", ct);
        await VoteAsync(voting, "hd.skhcn.1", ct);
        await VoteAsync(voting, "hd.skhcn.2", ct);

        var province = await SubmitNewAsync("Lê Quang Vinh", "individual", "bang-khen-thu-tuong", "ha-tang-qng-skhcn", ct);
        await DoAsync(province, "lanhdao.ttud", Outcomes.Approve, null, ct);
        await DoAsync(province, "thuky.skhcn", Outcomes.Accept, null, ct);
        await DoAsync(province, "thuky.skhcn", Outcomes.Approve, null, ct);
        for (var i = 1; i <= 5; i++)
            await VoteAsync(province, $"hd.skhcn.{i}", ct);
        await DoAsync(province, "lanhdao.skhcn", Outcomes.Approve, "Đề nghị UBND tỉnh trình Thủ tướng tặng Bằng khen.", ct);
        await DoAsync(province, "chuyenvien.snv", Outcomes.Accept, null, ct);

        var returned = await SubmitNewAsync("Võ Thị Ánh", "individual", "giay-khen", "skhcn-qng-2024", ct);
        await DoAsync(returned, "lanhdao.ttud", Outcomes.Approve, null, ct);
        await DoAsync(returned, "thuky.skhcn", Outcomes.Return, "Thiếu báo cáo thành tích có xác nhận của thủ trưởng đơn vị.", ct);

        var done = await SubmitNewAsync("Hồ Văn Tài", "individual", "giay-khen", "skhcn-qng-2024", ct);
        await DoAsync(done, "lanhdao.ttud", Outcomes.Approve, null, ct);
        await DoAsync(done, "thuky.skhcn", Outcomes.Accept, null, ct);
        await DoAsync(done, "thuky.skhcn", Outcomes.Approve, null, ct);
        for (var i = 1; i <= 5; i++)
            await VoteAsync(done, $"hd.skhcn.{i}", ct);
        await DoAsync(done, "lanhdao.skhcn", Outcomes.Approve, null, ct);

        await InScopeAsync("thuky.govap", async (sp, user) =>
        {
            var d = await sp.GetRequiredService<DossierService>().CreateAsync(user, new DossierInput("collective", "Tổ Khoa học Tự nhiên – Trường THCS Nguyễn Du", null, "giay-khen", null, "ha-tang-go-vap", "2025", "Thực hành tiết kiệm điện, nước; sửa chữa, tận dụng thiết bị dạy học."), ct);
            await sp.GetRequiredService<DossierService>().SubmitAsync(user, d.Id, null, ct);
        }, ct);
    }

    private Task CreateAsync(string name, string kind, string award, string movement, string? title, string summary, CancellationToken ct) =>
        InScopeAsync("thuky.ttud", (sp, user) => sp.GetRequiredService<DossierService>().CreateAsync(user, new DossierInput(kind, name, title, award, null, movement, "2025", summary), ct), ct);

    private async Task<Guid> SubmitNewAsync(string name, string kind, string award, string movement, CancellationToken ct)
    {
        var id = Guid.Empty;
        await InScopeAsync("thuky.ttud", async (sp, user) =>
        {
            var service = sp.GetRequiredService<DossierService>();
            var d = await service.CreateAsync(user, new DossierInput(kind, name, null, award, null, movement, "2025", "Có nhiều đóng góp trong phong trào thi đua của đơn vị."), ct);
            await service.SubmitAsync(user, d.Id, null, ct);
            id = d.Id;
        }, ct);
        return id;
    }

    private Task DoAsync(Guid dossierId, string username, string outcome, string? comment, CancellationToken ct) =>
        InScopeAsync(username, async (sp, user) =>
        {
            var tasks = sp.GetRequiredService<TaskService>();
            var task = (await tasks.ListAsync(user, ct)).First(t => t.DossierId == dossierId);
            await tasks.CompleteAsync(user, task.Id, outcome, comment, null, ct);
        }, ct);

    private Task VoteAsync(Guid dossierId, string username, CancellationToken ct) =>
        InScopeAsync(username, async (sp, user) =>
        {
            var tasks = sp.GetRequiredService<TaskService>();
            var task = (await tasks.ListAsync(user, ct)).First(t => t.DossierId == dossierId);
            await tasks.VoteAsync(user, task.Id, true, ct);
        }, ct);

    private async Task InScopeAsync(string username, Func<IServiceProvider, CurrentUser, Task> action, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<ThiDuaDbContext>().Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync(ct);
        var user = await sp.GetRequiredService<UserDirectory>().LoadAsync(id, ct) ?? throw new InvalidOperationException(username);
        await action(sp, user);
    }
}
