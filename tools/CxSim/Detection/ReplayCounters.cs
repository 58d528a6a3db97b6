namespace CxSim.Detection;

/// <summary>What an <see cref="AlertReplay"/> has done so far.</summary>
public sealed class ReplayCounters
{
    /// <summary>Wire events delivered to the partitions.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Events the ingestion pipeline rejected (quarantined).</summary>
    public long Rejected { get; internal set; }

    /// <summary>Events counted in minute buckets (in order or late within the allowed lateness).</summary>
    public long Counted { get; internal set; }

    /// <summary>Events at or before their partition's watermark: not counted (the handler lists them as late).</summary>
    public long TooLate { get; internal set; }

    /// <summary>Loop ticks.</summary>
    public long Ticks { get; internal set; }

    /// <summary>Calls to <see cref="CxServerless.Domain.Analytics.Alerts.AlertEvaluator.Evaluate"/>.</summary>
    public long Evaluations { get; internal set; }
}
