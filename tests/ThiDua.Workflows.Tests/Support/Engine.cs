using Microsoft.Extensions.Time.Testing;
using ThiDua.Workflows.Activities;
using ThiDua.Workflows.Calendar;
using ThiDua.Workflows.Definitions;
using ThiDua.Workflows.Runtime;
using ThiDua.Workflows.Runtime.InMemory;

namespace ThiDua.Workflows.Tests.Support;

/// <summary>An engine over the in-memory store with the real chains from workflows/ published, and a clock tests can move.</summary>
public sealed class Engine
{
    public TestDirectory Directory { get; } = new();
    public InMemoryDefinitionProvider Definitions { get; } = new();
    public InMemoryWorkflowStore Store { get; } = new();
    // Monday 2 November 2026, 09:00 in Vietnam.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
    public WorkflowRuntime Runtime { get; }

    public Engine(bool loadChains = true)
    {
        Runtime = new WorkflowRuntime(new WorkflowServices(Definitions, Directory, new WorkingCalendar(), Clock, ActivityRegistry.Default));
        if (loadChains)
            foreach (var file in Directory_GetChainFiles())
                Publish(File.ReadAllText(file));
    }

    public static IEnumerable<string> Directory_GetChainFiles() =>
        System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json");

    public WorkflowDefinition Publish(string json)
    {
        var read = DefinitionReader.Read(json);
        Assert.True(read.Success, string.Join("\n", read.Errors));
        return Definitions.Publish(read.Definition!);
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public DossierFacts NewDossier(string awardForm = "giay-khen", string nomineeKind = "individual", string submitter = "thuky.ttud")
    {
        var facts = new DossierFacts(Guid.NewGuid(), Directory.Unit.Id, Directory.User(submitter).Id, new Dictionary<string, string?>
        {
            ["awardForm"] = awardForm,
            ["nomineeKind"] = nomineeKind,
            ["nomineeName"] = "Nguyễn Văn Thành",
        });
        Store.AddDossier(facts);
        return facts;
    }

    public Task<WorkflowInstance> StartAsync(string definitionId, DossierFacts dossier, string by = "thuky.ttud") =>
        Runtime.StartAsync(Store.Session(), definitionId, dossier, Directory.Actor(by));

    public IReadOnlyList<Bookmark> Open(DossierFacts dossier) => Store.Open(dossier.DossierId).OrderBy(b => b.CreatedAt).ToList();

    public Bookmark SingleOpen(DossierFacts dossier) => Assert.Single(Store.Open(dossier.DossierId), b => b.Kind != BookmarkKind.SubWorkflow);

    /// <summary>Completes the one open task of the dossier, checking it is the expected step.</summary>
    public async Task<Bookmark> DoAsync(DossierFacts dossier, string expectedNode, string outcome, string by, string? comment = null)
    {
        var task = SingleOpen(dossier);
        Assert.Equal(expectedNode, task.NodeId);
        return await Runtime.CompleteTaskAsync(Store.Session(), task.Id, new TaskCompletion(outcome, comment, Directory.Actor(by), Guid.NewGuid().ToString()));
    }

    public async Task VoteAllAsync(DossierFacts dossier, string councilPrefix, int yes, int no)
    {
        var vote = SingleOpen(dossier);
        Assert.Equal(BookmarkKind.Vote, vote.Kind);
        for (var i = 1; i <= yes + no; i++)
            await Runtime.CastVoteAsync(Store.Session(), vote.Id, Directory.Actor($"{councilPrefix}.{i}"), approve: i <= yes);
    }

    public DossierProgress Progress(DossierFacts dossier) => Store.Progress[dossier.DossierId];
}
