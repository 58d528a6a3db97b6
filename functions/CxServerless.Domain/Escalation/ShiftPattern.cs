namespace CxServerless.Domain.Escalation;

/// <summary>
/// A weekly working pattern in a time zone: the days a shift starts on, and its start and end times. A shift whose
/// end is not after its start runs past midnight into the next day.
/// </summary>
/// <param name="Zone">The time zone the times are in.</param>
/// <param name="Days">The days a shift starts on.</param>
/// <param name="Start">When a shift starts, local time.</param>
/// <param name="Length">How long a shift lasts (up to a day).</param>
public sealed record ShiftPattern(TimeZoneInfo Zone, IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeSpan Length)
{
    /// <summary>Returns whether <paramref name="instant"/> falls inside a shift of this pattern.</summary>
    /// <param name="instant">The moment to test.</param>
    /// <returns>True when someone on this pattern is at work then.</returns>
    public bool Covers(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        // The shift that started today, or the one that started yesterday and runs past midnight.
        foreach (var startDay in new[] { local.Date, local.Date.AddDays(-1) })
        {
            if (!Days.Contains(startDay.DayOfWeek))
            {
                continue;
            }

            var start = startDay + Start.ToTimeSpan();
            if (local.DateTime >= start && local.DateTime < start + Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The starts of this pattern's shifts in the interval (<paramref name="after"/>, <paramref name="upTo"/>],
    /// oldest first.</summary>
    /// <param name="after">The start of the interval, excluded.</param>
    /// <param name="upTo">The end of the interval, included.</param>
    /// <returns>The shift starts, in UTC.</returns>
    /// <remarks>
    /// A start that falls in a daylight-saving gap (the clock jumps over it) moves on by the gap's length; a start that
    /// happens twice (the clock goes back) happens the first time (<see cref="LocalTimes.ToUtc"/>).
    /// </remarks>
    public IEnumerable<DateTimeOffset> StartsBetween(DateTimeOffset after, DateTimeOffset upTo)
    {
        var first = TimeZoneInfo.ConvertTime(after, Zone).Date.AddDays(-1);
        var last = TimeZoneInfo.ConvertTime(upTo, Zone).Date.AddDays(1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var start = LocalTimes.ToUtc(day + Start.ToTimeSpan(), Zone);
            if (start > after && start <= upTo)
            {
                yield return start;
            }
        }
    }
}
