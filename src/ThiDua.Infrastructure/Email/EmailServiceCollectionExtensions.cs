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
        services.AddSingleton<IEmailSender>(options.IsSmtp ? new SmtpEmailSender(options) : new PickupDirectoryEmailSender(options));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();
        return services;
    }
}
