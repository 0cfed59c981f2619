using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Email;
using ThiDua.Web.Tests.Support;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Tests.Email;

/// <summary>Emails that cannot be sent, and sending one again, as the administrator will from the admin page.</summary>
public sealed class OutboxResendTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    private OutboxDispatcher Dispatcher => app.Services.GetRequiredService<OutboxDispatcher>();

    private int Received(OutboxMessage email) => app.Sink.Messages().Count(m => m.OutboxId == email.Id.ToString());

    [Fact]
    public async Task An_email_whose_template_file_is_missing_fails_at_once_with_the_reason_and_the_others_still_go_out()
    {
        var broken = app.NewEmail("thuky.ttud@thidua.local", template: "mau-da-bi-xoa");
        var fine = app.NewEmail("lanhdao.ttud@thidua.local");
        await app.AddToOutboxAsync(broken, fine);

        var result = await app.DispatchEmailsAsync();

        Assert.Equal(1, result.Failed);
        var failed = await app.OutboxRowAsync(broken.Id);
        Assert.Equal((OutboxStatus.Failed, 1, null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Contains("'mau-da-bi-xoa'", failed.LastError);
        Assert.Contains("mau-da-bi-xoa.txt", failed.LastError);
        Assert.Equal(0, Received(broken));
        Assert.Equal(OutboxStatus.Sent, (await app.OutboxRowAsync(fine.Id)).Status);
        Assert.Equal(1, Received(fine));
    }

    [Fact]
    public async Task A_sent_or_failed_email_can_be_sent_again_and_a_queued_one_is_left_alone()
    {
        var email = app.NewEmail("thuky.skhcn@thidua.local");
        var broken = app.NewEmail("thuky.skhcn@thidua.local", template: "mau-da-bi-xoa");
        await app.AddToOutboxAsync(email, broken);
        await app.DispatchEmailsAsync();
        Assert.Equal(1, Received(email));

        Assert.True(await Dispatcher.ResendAsync(email.Id, CancellationToken.None));
        Assert.True(await Dispatcher.ResendAsync(broken.Id, CancellationToken.None));
        Assert.False(await Dispatcher.ResendAsync(email.Id, CancellationToken.None));
        Assert.False(await Dispatcher.ResendAsync(Guid.NewGuid(), CancellationToken.None));
        var queued = await app.OutboxRowAsync(broken.Id);
        Assert.Equal((OutboxStatus.Pending, 0, null), (queued.Status, queued.Attempts, queued.LastError));

        await app.DispatchEmailsAsync();

        Assert.Equal(2, Received(email));
        var again = await app.OutboxRowAsync(email.Id);
        Assert.Equal((OutboxStatus.Sent, 1), (again.Status, again.Attempts));
        Assert.Equal(OutboxStatus.Failed, (await app.OutboxRowAsync(broken.Id)).Status);
    }
}
