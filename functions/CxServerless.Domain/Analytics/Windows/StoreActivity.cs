namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// The minutes in which anything at all arrived (any KPI, slice or source partition). It tells a quiet queue from a
/// quiet system: when other traffic flows, an empty window of one queue is news (a dead queue shows as a dip); when
/// nothing arrived anywhere, before the first event or while every source was idle, the system saw nothing, and a
/// count over that stretch (contact volume) is neither a level to learn nor one to judge.
/// </summary>
public sealed class StoreActivity
{
    /// <summary>The shortest stretch without any event that counts as idle: five minutes.</summary>
    public static TimeSpan DefaultIdleAfter { get; } = TimeSpan.FromMinutes(5);

    private readonly long[] _minutes;
    private readonly long _idleMinutes;

    /// <summary>Activity from the minutes (<see cref="EventMinutes"/>) that hold data, in any order, duplicates allowed.</summary>
    /// <param name="minutes">Every minute with data over the span the windows judged cover.</param>
    /// <param name="idleAfter">
    /// Stretches of at least this many whole minutes without data are idle (default <see cref="DefaultIdleAfter"/>).
    /// </param>
    public StoreActivity(IEnumerable<long> minutes, TimeSpan? idleAfter = null)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var idle = idleAfter ?? DefaultIdleAfter;
        if (!EventMinutes.IsWholeMinutes(idle))
        {
            throw new ArgumentException("The idle stretch must be a positive whole number of minutes.", nameof(idleAfter));
        }

        _minutes = [.. minutes.Distinct().Order()];
        _idleMinutes = idle.Ticks / TimeSpan.TicksPerMinute;
    }

    /// <summary>
    /// True when the window (<paramref name="start"/>, <paramref name="end"/>] overlaps an idle stretch: it begins
    /// before the first minute with data, or some stretch of at least the idle length without data reaches into it
    /// (a stretch that is still going on at its end counts up to its end).
    /// </summary>
    public bool WasIdleDuring(DateTimeOffset start, DateTimeOffset end)
    {
        var first = EventMinutes.MinuteOf(start) + 1;
        var last = EventMinutes.MinuteOf(end);
        var index = Array.BinarySearch(_minutes, first);
        index = index >= 0 ? index : ~index;
        if (index == 0 && (_minutes.Length == 0 || _minutes[0] > first))
        {
            return true;
        }

        // The data minute before the window's first one, if any, bounds the stretch that may reach into it.
        var previous = index > 0 && (index == _minutes.Length || _minutes[index] != first) ? _minutes[index - 1] : (long?)null;
        for (var i = index; i < _minutes.Length && _minutes[i] <= last; i++)
        {
            if (previous is { } p && _minutes[i] - p - 1 >= _idleMinutes)
            {
                return true;
            }

            previous = _minutes[i];
        }

        return previous is not { } latest || last - latest >= _idleMinutes;
    }
}
