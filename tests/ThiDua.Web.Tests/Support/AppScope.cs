using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;

namespace ThiDua.Web.Tests.Support;

/// <summary>Runs application services directly, as a given demo user, in a fresh scope.</summary>
public static class AppScope
{
    public static async Task<T> RunAsync<T>(this ThiDuaAppFactory app, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static async Task<T> AsAsync<T>(this ThiDuaAppFactory app, string username, Func<IServiceProvider, CurrentUser, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<ThiDuaDbContext>().Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync();
        var user = await sp.GetRequiredService<UserDirectory>().LoadAsync(id, CancellationToken.None);
        return await action(sp, user!);
    }

    public static Task<T> DbAsync<T>(this ThiDuaAppFactory app, Func<ThiDuaDbContext, Task<T>> query) =>
        app.RunAsync(sp => query(sp.GetRequiredService<ThiDuaDbContext>()));
}
