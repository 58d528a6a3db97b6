using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// One injected probe: a burst of very long queue waits on a queue of its own, whose 1-minute window must raise a
/// <c>probe-wait</c> alert once it is final. The times are wall-clock times seen by the harness.
/// </summary>
internal sealed class AlertProbe(int number, DateTimeOffset eventTime)
{
    public int Number => number;

    public string Queue => BenchRules.ProbeQueuePrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The event time of every event of the probe.</summary>
    public DateTimeOffset EventTime => eventTime;

    /// <summary>The end of the tumbling minute that holds the probe (windows include their end, ASA semantics).</summary>
    public DateTimeOffset WindowEnd { get; } = EventMinutes.EndOf(EventMinutes.MinuteOf(eventTime));

    /// <summary>When the probe's POST started.</summary>
    public DateTimeOffset? PostedAt { get; set; }

    /// <summary>
    /// T_close: when cx-host accepted the send that made every non-idle partition's watermark pass <see cref="WindowEnd"/>.
    /// </summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the harness first saw the probe's alert row in the Alerts table.</summary>
    public DateTimeOffset? SeenAt { get; set; }

    /// <summary>The window end the alert row records.</summary>
    public DateTimeOffset? AlertWindowEnd { get; set; }

    public double? AfterCloseSeconds => SeenAt is { } seen && ClosedAt is { } closed ? (seen - closed).TotalSeconds : null;

    public double? FromPostSeconds => SeenAt is { } seen && PostedAt is { } posted ? (seen - posted).TotalSeconds : null;
}
