using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>Two web nodes on one database, both running the dispatcher, as in the scale-out deployment.</summary>
public sealed class TwoNodeDispatchTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    [Fact]
    public async Task Two_nodes_dispatching_the_same_outbox_at_once_send_every_email_exactly_once()
    {
        _ = await app.OutboxAsync();
        using var second = app.SecondNode();
        _ = await second.OutboxAsync();
        // A fan-out such as "the award round is open" to every unit, on top of the demo data's emails.
        var fanOut = Enumerable.Range(1, 300).Select(i => app.NewEmail($"donvi.{i:000}@thidua.local")).ToArray();
        await app.AddToOutboxAsync(fanOut);
        var due = (await app.OutboxOf(OutboxStatus.Pending)).Count();

        var results = await Task.WhenAll(Task.Run(app.DispatchEmailsAsync), Task.Run(second.DispatchEmailsAsync));

        Assert.Equal(due, results.Sum(r => r.Sent));
        Assert.All(results, r => Assert.Equal((0, 0), (r.Retrying, r.Failed)));
        var received = app.Sink.Messages();
        Assert.Equal(due, received.Count);
        Assert.Equal(due, received.Select(m => m.OutboxId).Distinct().Count());
        Assert.All(fanOut, m => Assert.Single(received, r => r.OutboxId == m.Id.ToString()));
        Assert.All(await app.OutboxAsync(), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }
}
