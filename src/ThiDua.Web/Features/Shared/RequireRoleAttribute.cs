using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using ThiDua.Web.Features.Auth;

namespace ThiDua.Web.Features.Shared;

/// <summary>
/// A page meant for one kind of user: anyone holding none of the roles gets the "no permission" page before any
/// handler runs, rather than a form they could never submit.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireRoleAttribute(params string[] roles) : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var me = await context.HttpContext.RequestServices.GetRequiredService<CurrentUserAccessor>().GetAsync(context.HttpContext.RequestAborted);
        if (!roles.Any(me.HasAnywhere))
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
