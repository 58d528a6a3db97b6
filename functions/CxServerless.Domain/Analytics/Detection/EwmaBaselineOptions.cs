using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>An EWMA baseline per hour of the week, judged by z-score.</summary>
/// <param name="Alpha">The smoothing factor, 0 &lt; α ≤ 1 (larger forgets faster).</param>
/// <param name="BreachZ">Breach at or beyond this many standard deviations.</param>
/// <param name="ClearZ">Clear below this many standard deviations (hysteresis); at most <paramref name="BreachZ"/>.</param>
/// <param name="MinHistory">
/// Windows an hour-of-week cell must have seen before it is used (else the all-hours cell is, else nothing).
/// </param>
/// <param name="MinStdDev">A floor for the standard deviation, so a very steady series does not alert on noise.</param>
/// <param name="Direction">The sides watched.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are neither judged nor learned from.</param>
/// <remarks>
/// Consecutive hopping windows share most of their data, so a window is judged only against windows that share none
/// with it (<see cref="ReferenceLag"/>): a 15-minute window every minute turns a step into a 15-window ramp, and a
/// baseline that learned from the ramp as it came widened its own variance until z stayed below
/// <paramref name="BreachZ"/> (issue 17: a doubled handle time raised nothing).
/// </remarks>
public sealed record EwmaBaselineOptions(
    double Alpha,
    double BreachZ,
    double ClearZ,
    int MinHistory,
    double MinStdDev,
    BreachDirection Direction,
    AlertSeverity Severity,
    long MinSamples)
{
    /// <summary>
    /// A window joins the baseline only once the window judged ends this much after it (the rule's window size), so
    /// the baseline never holds data of the window it judges. Zero learns each window right after judging it.
    /// </summary>
    public TimeSpan ReferenceLag { get; init; }

    /// <summary>
    /// For a percentage or mean KPI: a window breaches only when it is also this many standard errors of its own figure
    /// from the baseline (<see cref="SamplingError"/>; for a percentage, of a share at the baseline). The learned spread
    /// is that of busy hours; a quiet hour's small window moves further by chance, and this keeps that chance from
    /// breaching. The clear distance scales with it. Null: the learned spread alone.
    /// </summary>
    public double? NoiseZ { get; init; }
}
