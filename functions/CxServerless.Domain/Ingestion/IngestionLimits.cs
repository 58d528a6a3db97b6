namespace CxServerless.Domain.Ingestion;

/// <summary>Limits and tolerances of the ingestion pipeline. The defaults suit Azure Tables (1 MiB entities, 64 KiB properties).</summary>
public sealed record IngestionLimits
{
    /// <summary>The largest body accepted, in UTF-8 bytes.</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The longest identifier (event id, conversation id, queue, agent id) accepted, in characters.</summary>
    public int MaxIdentifierLength { get; init; } = 256;

    /// <summary>The longest free text accepted, in characters (Azure Tables keeps 32 K UTF-16 characters per string property).</summary>
    public int MaxTextLength { get; init; } = 16_000;

    /// <summary>How far in the future an event time may lie (producer clock skew) before it is quarantined.</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Events older than this are quarantined as expired.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(400);

    /// <summary>Stored events that arrive this much after their event time are counted as late.</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest duration measure accepted, in seconds (7 days).</summary>
    public double MaxDurationSeconds { get; init; } = 7 * 24 * 3600;
}
