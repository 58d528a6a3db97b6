namespace CxServerless.Domain.Analytics.EventTime;

/// <summary>The event-time policy: how late an event may be, and when a silent partition stops holding windows back.</summary>
/// <param name="AllowedLateness">A partition's watermark is its latest event time minus this.</param>
/// <param name="IdleTimeout">A partition with no arrivals for this long is left out of the global watermark.</param>
public sealed record WatermarkPolicy(TimeSpan AllowedLateness, TimeSpan IdleTimeout)
{
    /// <summary>Two minutes of lateness, one minute to idle: the defaults of the rules file.</summary>
    public static WatermarkPolicy Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

    /// <summary>Describes the first thing wrong with the policy, or returns null when it is valid.</summary>
    public string? Validate() =>
        AllowedLateness < TimeSpan.Zero ? "allowedLateness must not be negative"
        : IdleTimeout <= TimeSpan.Zero ? "idleTimeout must be positive"
        : null;
}
