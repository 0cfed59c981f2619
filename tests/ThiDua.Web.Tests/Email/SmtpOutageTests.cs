using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>The SMTP server goes away, and a node dies mid-send: no email is lost and none goes out twice.</summary>
public sealed class SmtpOutageTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    private Dictionary<string, int> ReceivedCountByOutboxId() =>
        app.Sink.Messages().GroupBy(m => m.OutboxId!).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Emails_queued_while_the_SMTP_server_is_down_wait_and_each_goes_out_once_when_it_is_back()
    {
        List<OutboxMessage> queued;
        var receivedBefore = app.Sink.Messages().Count;
        app.Sink.Stop();
        try
        {
            var chain = new Chain(app);
            var id = await chain.SubmitNewAsync("Trần Văn Mất Kết Nối", "giay-khen");
            await chain.UnitAsync(id);
            queued = [.. await app.OutboxOf(OutboxStatus.Pending)];
            Assert.Contains(queued, m => m.DossierId == id && m.Template == "task-assigned" && m.ToAddress == "thuky.skhcn@thidua.local");

            var down = await app.DispatchEmailsAsync();

            Assert.Equal((0, queued.Count, 0), (down.Sent, down.Retrying, down.Failed));
            var now = app.Clock.GetUtcNow().UtcDateTime;
            Assert.All(await RowsAsync(queued), m =>
            {
                Assert.Equal(OutboxStatus.Pending, m.Status);
                Assert.Equal(1, m.Attempts);
                Assert.False(string.IsNullOrWhiteSpace(m.LastError));
                Assert.True(m.NextAttemptAt > now);
            });

            // Nothing is retried before its time; after a second failure the wait is longer than the first.
            Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
            app.Clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(queued.Count, (await app.DispatchEmailsAsync()).Retrying);
            app.Clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
            Assert.Equal(receivedBefore, app.Sink.Messages().Count);

            app.Sink.Start();
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var up = await app.DispatchEmailsAsync();

            Assert.Equal((queued.Count, 0, 0), (up.Sent, up.Retrying, up.Failed));
        }
        finally
        {
            app.Sink.Start();
        }

        var received = ReceivedCountByOutboxId();
        Assert.All(queued, m => Assert.Equal(1, received.GetValueOrDefault(m.Id.ToString())));
        Assert.All(await RowsAsync(queued), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(3, m.Attempts);
            Assert.Null(m.LastError);
            Assert.NotNull(m.SentAt);
        });
        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        Assert.All(ReceivedCountByOutboxId().Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task An_email_left_sending_by_a_node_that_died_goes_out_once_its_lease_runs_out()
    {
        await app.DispatchEmailsAsync();
        // A node claimed this email (lease: 5 minutes) and died before recording the result.
        var orphan = app.NewEmail("thuky.ttud@thidua.local");
        orphan.Status = OutboxStatus.Sending;
        orphan.Attempts = 1;
        orphan.NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        await app.AddToOutboxAsync(orphan);

        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        Assert.False(ReceivedCountByOutboxId().ContainsKey(orphan.Id.ToString()));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.DispatchEmailsAsync()).Sent);

        Assert.Equal(1, ReceivedCountByOutboxId()[orphan.Id.ToString()]);
        var row = await app.OutboxRowAsync(orphan.Id);
        Assert.Equal((OutboxStatus.Sent, 2), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task An_email_that_fails_eight_times_is_marked_failed_and_left_for_an_administrator()
    {
        await app.DispatchEmailsAsync();
        var email = app.NewEmail("lanhdao.skhcn@thidua.local");
        await app.AddToOutboxAsync(email);
        app.Sink.Stop();
        try
        {
            for (var attempt = 1; attempt <= 8; attempt++)
            {
                var round = await app.DispatchEmailsAsync();
                Assert.Equal(attempt < 8 ? (0, 1, 0) : (0, 0, 1), (round.Sent, round.Retrying, round.Failed));
                app.Clock.Advance(TimeSpan.FromHours(7));
            }
            Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        }
        finally
        {
            app.Sink.Start();
        }

        Assert.Equal(0, (await app.DispatchEmailsAsync()).Total);
        var row = await app.OutboxRowAsync(email.Id);
        Assert.Equal((OutboxStatus.Failed, 8, null), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.False(string.IsNullOrWhiteSpace(row.LastError));
        Assert.StartsWith("[TĐKT] Mở đợt nhận hồ sơ đề nghị khen thưởng", row.Subject);
        Assert.False(ReceivedCountByOutboxId().ContainsKey(email.Id.ToString()));
    }

    private async Task<List<OutboxMessage>> RowsAsync(IEnumerable<OutboxMessage> messages)
    {
        var ids = messages.Select(m => m.Id).ToHashSet();
        return [.. (await app.OutboxAsync()).Where(m => ids.Contains(m.Id))];
    }
}
