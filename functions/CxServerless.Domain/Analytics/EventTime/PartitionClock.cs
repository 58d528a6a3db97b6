namespace CxServerless.Domain.Analytics.EventTime;

/// <summary>
/// The event-time progress of one source partition: its latest event time and when (processing time) it last
/// received anything. An immutable value; <see cref="Watermarks.Observe"/> returns the next one.
/// </summary>
/// <param name="Partition">The source partition id.</param>
/// <param name="MaxEventTime">The latest event time accepted from the partition.</param>
/// <param name="LastArrival">When the partition last delivered an event (processing time, from a <see cref="TimeProvider"/>).</param>
public sealed record PartitionClock(string Partition, DateTimeOffset MaxEventTime, DateTimeOffset LastArrival)
{
    /// <summary>A partition that has delivered nothing yet.</summary>
    public static PartitionClock Empty(string partition) => new(partition, DateTimeOffset.MinValue, DateTimeOffset.MinValue);

    /// <summary>True before the partition's first event.</summary>
    public bool IsEmpty => MaxEventTime == DateTimeOffset.MinValue;

    /// <summary>The partition's watermark: no event at or before it will be accepted any more.</summary>
    public DateTimeOffset Watermark(WatermarkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return IsEmpty ? DateTimeOffset.MinValue : MaxEventTime - policy.AllowedLateness;
    }

    /// <summary>True when the partition has received nothing for longer than the idle timeout at <paramref name="now"/>.</summary>
    public bool IsIdle(DateTimeOffset now, WatermarkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return IsEmpty || now - LastArrival > policy.IdleTimeout;
    }
}
