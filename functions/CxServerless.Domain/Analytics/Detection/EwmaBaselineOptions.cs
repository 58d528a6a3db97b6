using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>An EWMA baseline per hour of the week, judged by z-score.</summary>
/// <param name="Alpha">The smoothing factor, 0 &lt; α ≤ 1 (larger forgets faster).</param>
/// <param name="BreachZ">Breach at or beyond this many standard deviations.</param>
/// <param name="ClearZ">Clear below this many standard deviations (hysteresis); at most <paramref name="BreachZ"/>.</param>
/// <param name="MinHistory">Windows an hour-of-week cell must have seen before it is used (else the all-hours cell is, else nothing).</param>
/// <param name="MinStdDev">A floor for the standard deviation, so a very steady series does not alert on noise.</param>
/// <param name="Direction">The sides watched.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are neither judged nor learned from.</param>
public sealed record EwmaBaselineOptions(
    double Alpha,
    double BreachZ,
    double ClearZ,
    int MinHistory,
    double MinStdDev,
    BreachDirection Direction,
    AlertSeverity Severity,
    long MinSamples);
