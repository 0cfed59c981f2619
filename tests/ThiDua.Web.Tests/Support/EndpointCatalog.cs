using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ThiDua.Web.Tests.Support;

/// <summary>
/// Every endpoint the running app exposes, as "METHOD /template" for minimal APIs and
/// "METHOD /template?handler=Name" for Razor Page handlers, so a test can insist each one is classified.
/// </summary>
public static partial class EndpointCatalog
{
    public static IReadOnlySet<string> Discover(IServiceProvider services)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var page = endpoint.Metadata.OfType<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>().FirstOrDefault();
            if (page is null)
            {
                foreach (var method in endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods ?? ["GET"])
                    keys.Add($"{method} {template}");
                continue;
            }
            // "/Dossiers/Details" is the page ThiDua.Web.Features.Dossiers.DetailsModel.
            var typeName = "ThiDua.Web.Features" + page.ViewEnginePath.Replace('/', '.') + "Model";
            var model = pageModels.SingleOrDefault(t => t.FullName == typeName);
            if (model is null)
            {
                keys.Add($"GET {template}"); // a page without a model only renders
                continue;
            }
            foreach (var handler in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var match = HandlerName().Match(handler.Name);
                if (!match.Success)
                    continue;
                var name = match.Groups[2].Value;
                keys.Add($"{match.Groups[1].Value.ToUpperInvariant()} {template}{(name.Length > 0 ? "?handler=" + name : "")}");
            }
        }
        return keys;
    }

    [GeneratedRegex("^On(Get|Post)([A-Za-z]*?)(Async)?$")]
    private static partial Regex HandlerName();
}
