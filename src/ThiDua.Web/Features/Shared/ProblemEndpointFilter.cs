using ThiDua.Infrastructure;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Web.Features.Shared;

/// <summary>Endpoints throw refusals; this answers them as ProblemDetails. Nothing was saved when they were thrown.</summary>
public sealed class ProblemEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AppException ex)
        {
            return Problems.From(ex);
        }
        catch (WorkflowException ex)
        {
            return Problems.From(ex);
        }
    }
}
