using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData("Pickup", false, "", typeof(PickupDirectoryEmailSender))]
    [InlineData("Smtp", false, "", typeof(SmtpWireEmailSender))]
    [InlineData("Smtp", true, "", typeof(SmtpEmailSender))]
    [InlineData("Smtp", false, "thidua", typeof(SmtpEmailSender))]
    public void Plain_SMTP_goes_through_the_own_client_and_STARTTLS_or_a_login_through_System_Net_Mail(string mode, bool ssl, string user, Type expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Mode"] = mode,
            ["Email:Smtp:Host"] = "smtp.thidua.local",
            ["Email:Smtp:EnableSsl"] = ssl.ToString(),
            ["Email:Smtp:UserName"] = user,
        }).Build();
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddThiDuaEmail(config, Path.GetTempPath()).BuildServiceProvider();

        Assert.IsType(expected, services.GetRequiredService<IEmailSender>());
    }
}
