namespace CxServerless.Domain.Analytics.EventTime;

/// <summary>
/// Event-time rules as pure functions. Each partition keeps its own watermark (latest event time − allowed lateness),
/// computed where the partition is processed, with no coordination. The global watermark, which makes windows final,
/// is the slowest watermark among partitions that are not idle, so a silent partition never stalls the windows.
/// </summary>
public static class Watermarks
{
    /// <summary>
    /// Classifies an event arriving on a partition and returns the partition's next clock. An event is too late when
    /// its time is at or before the partition's watermark, or at or before <paramref name="finalThrough"/> (the global
    /// watermark last published, whose windows are final); this second test catches events of a partition that was
    /// idle while the others moved on. A too-late event still counts as an arrival but does not move event time.
    /// </summary>
    public static (EventTimeliness Timeliness, PartitionClock Clock) Observe(
        PartitionClock clock,
        DateTimeOffset eventTime,
        DateTimeOffset arrival,
        WatermarkPolicy policy,
        DateTimeOffset? finalThrough = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(policy);
        var lastArrival = arrival > clock.LastArrival ? arrival : clock.LastArrival;
        if ((!clock.IsEmpty && eventTime <= clock.Watermark(policy)) || eventTime <= finalThrough)
        {
            return (EventTimeliness.TooLate, clock with { LastArrival = lastArrival });
        }

        return eventTime >= clock.MaxEventTime
            ? (EventTimeliness.InOrder, new PartitionClock(clock.Partition, eventTime, lastArrival))
            : (EventTimeliness.Late, clock with { LastArrival = lastArrival });
    }

    /// <summary>
    /// The global watermark at <paramref name="now"/>: the minimum watermark of the partitions that are not idle. When
    /// every partition is idle, nothing is in flight, so it is the maximum of their watermarks. Null before any event.
    /// </summary>
    public static DateTimeOffset? Global(IEnumerable<PartitionClock> clocks, DateTimeOffset now, WatermarkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(policy);
        var started = clocks.Where(c => !c.IsEmpty).ToArray();
        if (started.Length == 0)
        {
            return null;
        }

        var active = started.Where(c => !c.IsIdle(now, policy)).ToArray();
        return active.Length > 0
            ? active.Min(c => c.Watermark(policy))
            : started.Max(c => c.Watermark(policy));
    }
}
