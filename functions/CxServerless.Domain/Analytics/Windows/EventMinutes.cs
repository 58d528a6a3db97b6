namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// Minute arithmetic aligned to zero time (0001-01-01T00:00:00Z, tick 0), as Azure Stream Analytics aligns its
/// windows. Minute <c>m</c> is the interval (m − 1 min, m min]: it excludes its start, includes its end and is
/// named by its end, exactly like a one-minute tumbling window. So any window whose size, hop and offset are whole
/// minutes is an exact union of minute buckets.
/// </summary>
public static class EventMinutes
{
    /// <summary>The minute (end) an instant belongs to: the smallest whole minute at or after it.</summary>
    public static long MinuteOf(DateTimeOffset time) => CeilingDivide(time.UtcTicks, TimeSpan.TicksPerMinute);

    /// <summary>The UTC instant at the end of minute <paramref name="minute"/>.</summary>
    public static DateTimeOffset EndOf(long minute) => new(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>True when <paramref name="span"/> is a positive whole number of minutes.</summary>
    public static bool IsWholeMinutes(TimeSpan span) => span > TimeSpan.Zero && span.Ticks % TimeSpan.TicksPerMinute == 0;

    /// <summary>⌈a ÷ b⌉ for a ≥ 0 or negative a, b &gt; 0.</summary>
    public static long CeilingDivide(long a, long b) => (a / b) + (a % b > 0 ? 1 : 0);

    /// <summary>⌊a ÷ b⌋ for any a, b &gt; 0.</summary>
    public static long FloorDivide(long a, long b) => (a / b) - (a % b < 0 ? 1 : 0);
}
