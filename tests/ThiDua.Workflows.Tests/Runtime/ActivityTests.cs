using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;
using ThiDua.Workflows.Tests.Support;

namespace ThiDua.Workflows.Tests.Runtime;

public sealed class ActivityTests
{
    private readonly Engine _e = new(loadChains: false);

    private void PublishParallel(string mode) => _e.Publish(Engine.Fixture("parallel-opinions.json").Replace("MODE", mode, StringComparison.Ordinal));

    [Fact]
    public async Task Switch_routes_on_dossier_fields()
    {
        PublishParallel("all");
        var individual = _e.NewDossier(nomineeKind: "individual");
        var i1 = await _e.StartAsync("lay-y-kien", individual);
        Assert.Equal("Skipped", i1.Result);

        var collective = _e.NewDossier(nomineeKind: "household");
        var i2 = await _e.StartAsync("lay-y-kien", collective);
        Assert.Equal(InstanceStatus.Running, i2.Status);
        Assert.Equal(["cong-an", "thue"], _e.Open(collective).Select(b => b.NodeId).Order().ToArray());
    }

    [Fact]
    public async Task Join_all_waits_for_every_branch()
    {
        PublishParallel("all");
        var d = _e.NewDossier(nomineeKind: "collective");
        var instance = await _e.StartAsync("lay-y-kien", d);
        var tasks = _e.Open(d).ToDictionary(b => b.NodeId);
        await _e.Runtime.CompleteTaskAsync(_e.Store.Session(), tasks["cong-an"].Id, new TaskCompletion(Outcomes.Approve, null, _e.Directory.Actor("lanhdao.skhcn")));
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Single(_e.Open(d));
        await _e.Runtime.CompleteTaskAsync(_e.Store.Session(), tasks["thue"].Id, new TaskCompletion(Outcomes.Approve, null, _e.Directory.Actor("thuky.skhcn")));
        Assert.Equal("Approved", instance.Result);
        Assert.Equal("{}", instance.StateJson);
    }

    [Fact]
    public async Task Join_any_continues_on_the_first_branch_and_cancels_the_other()
    {
        PublishParallel("any");
        var d = _e.NewDossier(nomineeKind: "collective");
        var instance = await _e.StartAsync("lay-y-kien", d);
        var tasks = _e.Open(d).ToDictionary(b => b.NodeId);
        await _e.Runtime.CompleteTaskAsync(_e.Store.Session(), tasks["thue"].Id, new TaskCompletion(Outcomes.Approve, null, _e.Directory.Actor("thuky.skhcn")));
        Assert.Equal("Approved", instance.Result);
        Assert.Equal(BookmarkStatus.Cancelled, tasks["cong-an"].Status);
        Assert.Equal(1, _e.Store.Journal.Count(j => j.Kind == JournalKinds.Ended));
    }

    [Fact]
    public async Task Timers_wait_for_an_absolute_time_then_a_duration()
    {
        _e.Publish(Engine.Fixture("timers.json"));
        var d = _e.NewDossier();
        var instance = await _e.StartAsync("hen-gio", d);
        var at = _e.SingleOpen(d);
        Assert.Equal(new DateTime(2026, 12, 10, 1, 0, 0, DateTimeKind.Utc), at.ResumeAt);

        _e.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero));
        Assert.True(await _e.Runtime.FireTimerAsync(_e.Store.Session(), at.Id));
        var fourHours = _e.SingleOpen(d);
        Assert.Equal(new DateTime(2026, 12, 10, 5, 0, 0, DateTimeKind.Utc), fourHours.ResumeAt);
        _e.Clock.Advance(TimeSpan.FromHours(4));
        Assert.True(await _e.Runtime.FireTimerAsync(_e.Store.Session(), fourHours.Id));
        Assert.Equal("Approved", instance.Result);
    }

    [Fact]
    public async Task A_graph_that_never_waits_is_stopped_with_a_clear_error()
    {
        // The validator refuses this definition; the runtime still guards against it.
        _e.Definitions.Publish(DefinitionReader.Read(Engine.Fixture("runaway.json")).Definition!);
        var ex = await Assert.ThrowsAsync<WorkflowException>(() => _e.StartAsync("runaway", _e.NewDossier()));
        Assert.Equal(WorkflowErrorCode.StepLimit, ex.Code);
    }

    [Fact]
    public async Task A_selector_that_finds_no_organization_is_a_configuration_error()
    {
        _e.Publish(Engine.Fixture("parallel-opinions.json").Replace("MODE", "all", StringComparison.Ordinal).Replace("\"department\"", "\"org:khong-ton-tai\"", StringComparison.Ordinal));
        var ex = await Assert.ThrowsAsync<WorkflowException>(() => _e.StartAsync("lay-y-kien", _e.NewDossier(nomineeKind: "collective")));
        Assert.Equal(WorkflowErrorCode.Configuration, ex.Code);
        Assert.Contains("org:khong-ton-tai", ex.Message);
    }
}
