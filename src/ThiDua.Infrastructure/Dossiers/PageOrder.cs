namespace ThiDua.Infrastructure.Dossiers;

/// <summary>Paging helpers shared by the tracking board and the inbox.</summary>
public static class PageOrder
{
    /// <summary>
    /// A page number from 1 to the last one whose offset still fits in an int. Past that the offset wrapped round to a
    /// negative number, which the database reads as 0: "page 2147483647" showed the first page again.
    /// </summary>
    public static int Clamp(int page, int pageSize) => Math.Clamp(page, 1, int.MaxValue / Math.Max(pageSize, 1));

    /// <summary>
    /// A page's ids are chosen (and ordered) by one query and its rows read by another, by id, which returns them in
    /// no particular order: this puts the rows back in the page's order.
    /// </summary>
    public static List<T> InOrderOf<T>(this IEnumerable<T> rows, IReadOnlyList<Guid> ids, Func<T, Guid> id)
    {
        var position = ids.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        return rows.OrderBy(r => position[id(r)]).ToList();
    }
}
