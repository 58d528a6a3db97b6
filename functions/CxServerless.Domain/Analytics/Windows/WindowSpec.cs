namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// A window over minute buckets, with Azure Stream Analytics semantics: windows are aligned to zero time (shifted by
/// <see cref="Offset"/>), exclude their start, include their end and are stamped with their end. Size, hop and offset
/// are whole minutes so that each window is an exact union of minute buckets.
/// </summary>
public sealed record WindowSpec
{
    private WindowSpec(WindowKind kind, TimeSpan size, TimeSpan hop, TimeSpan offset)
    {
        Kind = kind;
        Size = size;
        Hop = hop;
        Offset = offset;
    }

    /// <summary>The longest window ASA allows (7 days), which we keep to.</summary>
    public static TimeSpan MaxSize { get; } = TimeSpan.FromDays(7);

    /// <summary>The kind.</summary>
    public WindowKind Kind { get; }

    /// <summary>How long each window lasts.</summary>
    public TimeSpan Size { get; }

    /// <summary>How far each window's end moves from the previous one (the size, for tumbling; one minute, for sliding).</summary>
    public TimeSpan Hop { get; }

    /// <summary>How far the window edges are shifted from zero-time alignment (0 ≤ offset &lt; hop).</summary>
    public TimeSpan Offset { get; }

    /// <summary>A tumbling window of <paramref name="size"/>, optionally offset.</summary>
    public static WindowSpec Tumbling(TimeSpan size, TimeSpan offset = default) => Create(WindowKind.Tumbling, size, size, offset);

    /// <summary>A hopping window of <paramref name="size"/> every <paramref name="hop"/>, optionally offset.</summary>
    public static WindowSpec Hopping(TimeSpan size, TimeSpan hop, TimeSpan offset = default) =>
        Create(WindowKind.Hopping, size, hop, offset);

    /// <summary>A sliding window of <paramref name="size"/>, evaluated at minute resolution.</summary>
    public static WindowSpec Sliding(TimeSpan size) => Create(WindowKind.Sliding, size, TimeSpan.FromMinutes(1), TimeSpan.Zero);

    /// <summary>Describes the first thing wrong with these parameters, or returns null when they are valid.</summary>
    public static string? Validate(TimeSpan size, TimeSpan hop, TimeSpan offset)
    {
        if (!EventMinutes.IsWholeMinutes(size) || size > MaxSize)
        {
            return "size must be a whole number of minutes, from 1 minute to 7 days";
        }

        if (!EventMinutes.IsWholeMinutes(hop) || hop > size)
        {
            return "hop must be a whole number of minutes, at least 1 minute and at most the size";
        }

        return offset < TimeSpan.Zero || offset >= hop || offset.Ticks % TimeSpan.TicksPerMinute != 0
            ? "offset must be a whole number of minutes, at least 0 and less than the hop"
            : null;
    }

    /// <summary>The end of the first window ending at or after <paramref name="time"/>.</summary>
    public DateTimeOffset FirstEndAtOrAfter(DateTimeOffset time)
    {
        var hop = Hop.Ticks;
        var k = EventMinutes.CeilingDivide(time.UtcTicks - Offset.Ticks, hop);
        return new DateTimeOffset((k * hop) + Offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// The ends of every window that contains an event at <paramref name="time"/> (windows (end − size, end]), in
    /// ascending order. For sliding windows these are the minute ends at which the event is inside the window.
    /// </summary>
    public IEnumerable<DateTimeOffset> EndsContaining(DateTimeOffset time)
    {
        for (var end = FirstEndAtOrAfter(time); end - Size < time; end += Hop)
        {
            yield return end;
        }
    }

    private static WindowSpec Create(WindowKind kind, TimeSpan size, TimeSpan hop, TimeSpan offset)
    {
        var problem = Validate(size, hop, offset);
        return problem is null ? new WindowSpec(kind, size, hop, offset) : throw new ArgumentException(problem);
    }
}
