using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>The SMTP server answers some messages with 4xx or 5xx: those wait and retry, the rest of the round goes out.</summary>
public sealed class SmtpRefusalTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    [Fact]
    public async Task Refused_emails_are_retried_with_the_servers_reply_recorded_and_marked_failed_after_eight_refusals()
    {
        await app.DispatchEmailsAsync();
        var refused = new[] { "tu-choi-450@thidua.local", "tu-choi-550@thidua.local", "tu-choi-data@thidua.local" }.Select(to => app.NewEmail(to)).ToArray();
        var accepted = Enumerable.Range(1, 6).Select(i => app.NewEmail($"donvi.{i}@thidua.local")).ToArray();
        await app.AddToOutboxAsync([.. refused, .. accepted]);
        var before = app.Sink.Messages().Count;

        var first = await app.DispatchEmailsAsync();

        Assert.Equal((accepted.Length, refused.Length, 0), (first.Sent, first.Retrying, first.Failed));
        var received = app.Sink.Messages().Skip(before);
        Assert.Equal(accepted.Select(m => m.Id.ToString()).Order(), received.Select(m => m.OutboxId).Order());
        var rows = (await app.OutboxAsync()).ToDictionary(m => m.Id);
        Assert.Contains("450", rows[refused[0].Id].LastError);
        Assert.Contains("550", rows[refused[1].Id].LastError);
        Assert.Contains("451", rows[refused[2].Id].LastError);
        Assert.All(refused, m => Assert.Equal((OutboxStatus.Pending, 1), (rows[m.Id].Status, rows[m.Id].Attempts)));
        Assert.All(accepted, m => Assert.Equal((OutboxStatus.Sent, 1), (rows[m.Id].Status, rows[m.Id].Attempts)));

        for (var attempt = 2; attempt <= 8; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromHours(7));
            var round = await app.DispatchEmailsAsync();
            Assert.Equal(attempt < 8 ? (0, 3, 0) : (0, 0, 3), (round.Sent, round.Retrying, round.Failed));
        }

        app.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        rows = (await app.OutboxAsync()).ToDictionary(m => m.Id);
        Assert.All(refused, m => Assert.Equal((OutboxStatus.Failed, 8, null), (rows[m.Id].Status, rows[m.Id].Attempts, rows[m.Id].NextAttemptAt)));
        Assert.Equal(before + accepted.Length, app.Sink.Messages().Count);
    }
}
