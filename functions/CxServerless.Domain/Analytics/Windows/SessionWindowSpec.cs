namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// A session window per key (conversation), as ASA's <c>SessionWindow(timeout, maxDuration) OVER (PARTITION BY key)</c>:
/// a session starts with its first event, extends while the next event comes within <see cref="Timeout"/> of the
/// previous one, and ends at the last event + timeout. Whether it has grown longer than <see cref="MaxDuration"/> is
/// checked only at multiples of the maximum duration (aligned to zero time); when it has, it ends at that check point
/// and a new session continues from there, so a session can last up to twice the maximum duration.
/// </summary>
/// <param name="Timeout">The gap that ends a session.</param>
/// <param name="MaxDuration">The maximum duration, checked at its own multiples.</param>
public sealed record SessionWindowSpec(TimeSpan Timeout, TimeSpan MaxDuration)
{
    /// <summary>Describes the first thing wrong with the parameters, or returns null when they are valid.</summary>
    public string? Validate() =>
        Timeout <= TimeSpan.Zero ? "timeout must be positive"
        : MaxDuration < Timeout ? "maxDuration must be at least the timeout"
        : MaxDuration > WindowSpec.MaxSize ? "maxDuration must be at most 7 days"
        : null;
}
