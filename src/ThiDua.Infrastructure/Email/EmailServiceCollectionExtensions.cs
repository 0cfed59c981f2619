using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ThiDua.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Templates, the sender chosen by Email:Mode, the outbox dispatcher and its background service.
    /// Needs <c>AddThiDuaInfrastructure</c> first (database, TimeProvider). <paramref name="contentRoot"/> anchors relative folders.
    /// </summary>
    public static IServiceCollection AddThiDuaEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = (configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions()).Resolve(contentRoot);
        services.AddSingleton(options);
        services.AddSingleton<EmailTemplateRenderer>();
        services.AddSingleton<IEmailSender>(sp => CreateSender(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();
        return services;
    }

    /// <summary>
    /// Our own SMTP client for plain SMTP; System.Net.Mail when the server wants STARTTLS or a login, which
    /// the own client does not speak (it is there for speed, see <see cref="SmtpWireEmailSender"/>).
    /// </summary>
    private static IEmailSender CreateSender(EmailOptions options, TimeProvider time) =>
        !options.IsSmtp ? new PickupDirectoryEmailSender(options)
        : options.Smtp.EnableSsl || !string.IsNullOrEmpty(options.Smtp.UserName) ? new SmtpEmailSender(options)
        : new SmtpWireEmailSender(options, time);
}
