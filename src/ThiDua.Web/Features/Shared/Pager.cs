using System.Globalization;
using ThiDua.Infrastructure.Dossiers;

namespace ThiDua.Web.Features.Shared;

/// <summary>
/// The page links under a long list (tracking board, inbox). With <see cref="SwapTarget"/> a link asks htmx to replace
/// only that element, and the address bar follows; without JavaScript it is an ordinary link.
/// </summary>
public sealed record Pager(int Page, int Pages, bool MoreBeyond, Func<int, string> Link, string? SwapTarget = null)
{
    /// <summary>For a page of a capped count: a full last page may have more after it, the count does not say.</summary>
    public static Pager For<T>(PagedResult<T> result, Func<int, string> link, string? swapTarget = null) =>
        new(result.Page, result.Pages, result.TotalIsLowerBound && result.Items.Count == result.PageSize, link, swapTarget);

    public bool HasNext => Page < Pages || MoreBeyond;

    public bool Shown => Page > 1 || HasNext;

    public string PagesText => MoreBeyond ? $"{Pages}+" : Pages.ToString(CultureInfo.InvariantCulture);
}
