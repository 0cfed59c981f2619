namespace ThiDua.Workflows.Runtime;

/// <summary>
/// Orders journal entries. Strictly increasing within the process, so the timeline keeps its order even when
/// the clock stands still (tests) or steps back; close to the clock's ticks across processes.
/// </summary>
public static class JournalSequence
{
    private static long _last;

    public static long Next(DateTime at)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(at.Ticks, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
                return next;
        }
    }
}
