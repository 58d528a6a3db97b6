using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>A sudden jump (spike) or drop (dip) against the trailing mean of recent windows.</summary>
/// <param name="TrailingWindows">How many past windows the trailing mean covers.</param>
/// <param name="SpikeFactor">A spike is at least this multiple of the trailing mean (for example 2).</param>
/// <param name="DipFactor">A dip is at most this fraction of the trailing mean (for example 0.5).</param>
/// <param name="MinAbsoluteChange">A spike or dip must also move at least this far, so tiny values do not alert.</param>
/// <param name="MinHistory">Past windows needed before judging.</param>
/// <param name="Direction">Spikes (above), dips (below) or both.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are neither judged nor learned from.</param>
public sealed record SpikeDipOptions(
    int TrailingWindows,
    double SpikeFactor,
    double DipFactor,
    double MinAbsoluteChange,
    int MinHistory,
    BreachDirection Direction,
    AlertSeverity Severity,
    long MinSamples)
{
    /// <summary>
    /// For a percentage or mean KPI: a spike or dip must also move at least this many standard errors of the window's
    /// figure (<see cref="SamplingError"/>; for a percentage, of a share at the trailing mean), so a small team's figure
    /// does not spike on sampling noise. Null: no such floor.
    /// </summary>
    public double? BreachZ { get; init; }
}
