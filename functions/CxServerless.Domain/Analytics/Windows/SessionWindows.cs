namespace CxServerless.Domain.Analytics.Windows;

/// <summary>Computes session windows per key in event time (see <see cref="SessionWindowSpec"/>). A pure function.</summary>
public static class SessionWindows
{
    /// <summary>
    /// The sessions of every key in <paramref name="events"/> (any order), ordered by key then start. A session whose
    /// end is after <paramref name="asOf"/> (typically the global watermark) is returned as not closed. An event that
    /// comes exactly one timeout after the previous one still extends the session (the end is included).
    /// </summary>
    public static IReadOnlyList<SessionWindow> Compute(
        IEnumerable<(string Key, DateTimeOffset Time)> events,
        SessionWindowSpec spec,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        return events
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => ForKey(g.Key, g.Select(e => e.Time).Order(), spec, asOf))
            .ToArray();
    }

    private static List<SessionWindow> ForKey(string key, IEnumerable<DateTimeOffset> times, SessionWindowSpec spec, DateTimeOffset asOf)
    {
        var sessions = new List<SessionWindow>();
        Open? open = null;
        foreach (var time in times)
        {
            open = open is null ? new Open(time, time, 1) : Advance(key, open, time, spec, sessions);
        }

        if (open is not null)
        {
            var end = Min(open.Last + spec.Timeout, CutPoint(open.Start, spec.MaxDuration));
            sessions.Add(new SessionWindow(key, open.Start, end, open.Count, open.Last, end <= asOf));
        }

        return sessions;
    }

    private static Open Advance(string key, Open open, DateTimeOffset time, SessionWindowSpec spec, List<SessionWindow> sessions)
    {
        while (true)
        {
            var timeoutEnd = open.Last + spec.Timeout;
            var cut = CutPoint(open.Start, spec.MaxDuration);
            if (time > timeoutEnd)
            {
                sessions.Add(new SessionWindow(key, open.Start, Min(timeoutEnd, cut), open.Count, open.Last, true));
                return new Open(time, time, 1);
            }

            if (time <= cut)
            {
                return open with { Last = time, Count = open.Count + 1 };
            }

            // Cut at the check point; the session continues from there, with no events yet.
            sessions.Add(new SessionWindow(key, open.Start, cut, open.Count, open.Last, true));
            open = new Open(cut, cut, 0);
        }
    }

    /// <summary>The first check point (a multiple of the maximum duration) at which the session exceeds it.</summary>
    private static DateTimeOffset CutPoint(DateTimeOffset start, TimeSpan maxDuration)
    {
        var max = maxDuration.Ticks;
        var k = EventMinutes.FloorDivide(start.UtcTicks + max, max) + 1;
        return new DateTimeOffset(k * max, TimeSpan.Zero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Open(DateTimeOffset Start, DateTimeOffset Last, int Count);
}
