namespace ThiDua.Infrastructure.Dossiers;

/// <summary>
/// A page's ids are chosen (and ordered) by one query and its rows read by another, by id, which returns them in no
/// particular order: this puts the rows back in the page's order.
/// </summary>
public static class PageOrder
{
    public static List<T> InOrderOf<T>(this IEnumerable<T> rows, IReadOnlyList<Guid> ids, Func<T, Guid> id)
    {
        var position = ids.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        return rows.OrderBy(r => position[id(r)]).ToList();
    }
}
