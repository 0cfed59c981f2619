using ThiDua.Infrastructure.Email;

namespace ThiDua.Web.Tests.Email;

/// <summary>A mistake in the Email section stops the application at start-up and names the setting.</summary>
public sealed class EmailSettingsTests
{
    private static string Problem(EmailOptions options) =>
        Assert.Throws<InvalidOperationException>(() => options.Resolve(AppContext.BaseDirectory)).Message;

    [Fact]
    public void The_defaults_need_nothing_installed()
    {
        var options = new EmailOptions().Resolve("/srv/thidua");

        Assert.False(options.IsSmtp);
        Assert.Equal("/srv/thidua/data/mail", options.PickupFolder);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "emails"), options.TemplatesFolder);
    }

    [Fact]
    public void Settings_that_cannot_work_are_reported_by_name()
    {
        Assert.StartsWith("Email:Mode 'Smpt'", Problem(new EmailOptions { Mode = "Smpt" }));
        Assert.StartsWith("Email:Smtp:Host ", Problem(new EmailOptions { Mode = "Smtp" }));
        Assert.StartsWith("Email:FromAddress 'thidua at quangngai'", Problem(new EmailOptions { FromAddress = "thidua at quangngai" }));
        Assert.StartsWith("Email:BaseUrl ", Problem(new EmailOptions { BaseUrl = "thidua.local" }));
        Assert.StartsWith("Email:Dispatcher:LeaseMinutes ", Problem(new EmailOptions { Smtp = { TimeoutSeconds = 600 } }));
    }
}
