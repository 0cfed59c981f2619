using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using ThiDua.Infrastructure.Scheduling;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Scheduling;

/// <summary>The application with Quartz switched on, on its SQLite file: jobs are scheduled, run, recorded and controllable from the Jobs page.</summary>
public sealed class QuartzTests(QuartzTests.QuartzAppFactory app) : IClassFixture<QuartzTests.QuartzAppFactory>
{
    public sealed class QuartzAppFactory : ThiDuaAppFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Scheduling:Enabled"] = "true";
                return settings;
            }
        }
    }

    private async Task<IScheduler> RunningSchedulerAsync()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 100 && (scheduler.Status != SchedulerStatus.Running || (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup())).Count < 6); i++)
            await Task.Delay(100);
        Assert.Equal(SchedulerStatus.Running, scheduler.Status);
        return scheduler;
    }

    [Fact]
    public async Task Every_movement_has_a_job_whose_triggers_are_its_coming_period_end_steps()
    {
        var scheduler = await RunningSchedulerAsync();
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
        Assert.Contains(JobCatalog.Timers, keys);
        Assert.Contains(JobCatalog.Escalation, keys);
        Assert.Contains(JobCatalog.Movement("ha-tang-qng-skhcn"), keys);

        var triggers = await scheduler.GetTriggersOfJob(JobCatalog.Movement("ha-tang-qng-skhcn"));
        // The 2022–2025 sơ kết was before the movement was entered, so only phase 2 steps and future report reminders remain.
        Assert.Contains(triggers, t => t.Description == "Mở đợt nhận hồ sơ đề nghị khen thưởng – Tổng kết Giai đoạn 2026–2030");
        Assert.DoesNotContain(triggers, t => t.Description!.Contains("Giai đoạn 2022–2025", StringComparison.Ordinal));
        var annualReport = Assert.Single(triggers, t => t.Description == "Nhắc báo cáo năm 2026 (hạn 10/12/2026)");
        // Seven days before 10/12/2026 is Thursday 3/12, 08:00 in Vietnam.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), annualReport.NextFireTimeUtc);
    }

    [Fact]
    public async Task Run_now_executes_the_job_and_records_it_and_pause_stops_its_triggers()
    {
        var scheduler = await RunningSchedulerAsync();
        await scheduler.TriggerJob(JobCatalog.Escalation, new JobDataMap { [RecordedJob.TriggeredByKey] = "chạy ngay – kiểm thử" });
        Infrastructure.Scheduling.JobRun? run = null;
        for (var i = 0; i < 150 && run is null; i++)
        {
            await Task.Delay(100);
            run = await app.DbAsync(db => db.JobRuns.FirstOrDefaultAsync(r => r.TriggeredBy == "chạy ngay – kiểm thử"));
        }
        Assert.NotNull(run);
        Assert.Equal(JobOutcome.Succeeded, run!.Outcome);
        Assert.Equal("Báo lãnh đạo cấp trên các nhiệm vụ quá hạn", run.JobName);
        Assert.NotNull(run.DurationMs);

        using var admin = await app.LoginAsync("admin");
        var page = await admin.Http.GetStringAsync("/tac-vu");
        Assert.Contains("Báo lãnh đạo cấp trên các nhiệm vụ quá hạn", page);
        Assert.Contains("chạy ngay – kiểm thử", page);

        await scheduler.PauseJob(JobCatalog.Timers);
        foreach (var t in await scheduler.GetTriggersOfJob(JobCatalog.Timers))
            Assert.Equal(TriggerState.Paused, await scheduler.GetTriggerState(t.Key));
        Assert.Contains("đang tạm dừng", await admin.Http.GetStringAsync("/tac-vu"));
        await scheduler.ResumeJob(JobCatalog.Timers);

        using var secretary = await app.LoginAsync("thuky.ttud");
        var forbidden = await secretary.Http.GetAsync("/tac-vu");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/khong-co-quyen", forbidden.Headers.Location!.ToString());
    }
}
