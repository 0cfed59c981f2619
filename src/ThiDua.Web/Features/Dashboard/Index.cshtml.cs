using Microsoft.AspNetCore.Mvc;
using ThiDua.Infrastructure.Dossiers;
using ThiDua.Infrastructure.Tasks;
using ThiDua.Web.Features.Shared;

namespace ThiDua.Web.Features.Dashboard;

public sealed class IndexModel(DashboardQueries dashboard, TaskService tasks) : AppPageModel
{
    public Infrastructure.Dossiers.Dashboard Data { get; private set; } = null!;
    public int MyTasks { get; private set; }
    public int MyOverdueTasks { get; private set; }

    public Task<IActionResult> OnGetAsync() => Guard(async () =>
    {
        Data = await dashboard.GetAsync(Me, HttpContext.RequestAborted);
        (MyTasks, MyOverdueTasks) = await tasks.CountAsync(Me, HttpContext.RequestAborted);
        return Page();
    });
}
