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
        var mine = await tasks.ListAsync(Me, HttpContext.RequestAborted);
        MyTasks = mine.Count;
        MyOverdueTasks = mine.Count(t => t.Overdue);
        return Page();
    });
}
