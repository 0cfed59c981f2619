using ThiDua.Infrastructure.Organizations;

namespace ThiDua.Web.Features.Shared;

/// <summary>Navigation entries that depend on roles; features register theirs here as they are added.</summary>
public static class NavLinks
{
    public sealed record Link(string Path, string Label, Func<CurrentUser, bool> Visible);

    private static readonly List<Link> Links = [];

    public static void Register(string path, string label, Func<CurrentUser, bool> visible) => Links.Add(new Link(path, label, visible));

    public static IEnumerable<Link> For(CurrentUser user) => Links.Where(l => l.Visible(user));
}
