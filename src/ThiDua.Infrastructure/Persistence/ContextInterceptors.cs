using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ThiDua.Infrastructure.Persistence;

/// <summary>The interceptors a context was configured with (ServiceCollectionExtensions adds them per provider).</summary>
internal static class ContextInterceptors
{
    public static T? Find<T>(DbContext db) where T : class => All<T>(db).FirstOrDefault();

    public static IEnumerable<T> All<T>(DbContext db) where T : class =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<T>() ?? [];
}
