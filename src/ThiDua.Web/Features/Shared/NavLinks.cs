using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Web.Features.Shared;

/// <summary>Navigation entries that depend on roles; features register theirs here as they are added.</summary>
public static class NavLinks
{
    public sealed record Link(string Path, string Label, Func<CurrentUser, bool> Visible);

    private static readonly List<Link> Links = [];
    private static readonly Lock Gate = new();

    /// <summary>Adds a link once; tests start the application many times in one process.</summary>
    public static void Register(string path, string label, Func<CurrentUser, bool> visible)
    {
        lock (Gate)
        {
            if (Links.All(l => l.Path != path))
                Links.Add(new Link(path, label, visible));
        }
    }

    public static IEnumerable<Link> For(CurrentUser user)
    {
        lock (Gate)
            return Links.Where(l => l.Visible(user)).ToList();
    }
}
