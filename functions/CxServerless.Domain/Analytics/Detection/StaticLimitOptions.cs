using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// Fixed limits. A value above <see cref="Upper"/> or below <see cref="Lower"/> breaches; it clears only back inside the clear limits.
/// </summary>
/// <param name="Upper">Breach above this, when set.</param>
/// <param name="Lower">Breach below this, when set.</param>
/// <param name="ClearUpper">Clear at or below this (hysteresis); defaults to <paramref name="Upper"/>.</param>
/// <param name="ClearLower">Clear at or above this (hysteresis); defaults to <paramref name="Lower"/>.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are not judged.</param>
public sealed record StaticLimitOptions(
    double? Upper,
    double? Lower,
    double? ClearUpper,
    double? ClearLower,
    AlertSeverity Severity,
    long MinSamples)
{
    /// <summary>
    /// For a percentage or mean KPI: a window breaches only when it is past the limit by at least this many standard
    /// errors of its figure (<see cref="SamplingError"/>: for a percentage, of a share of that many contacts at the limit;
    /// for a mean, the window's own spread over √n), a one-sided test that the true figure is past the limit (1.645: 95 %
    /// confidence). A team or queue with 100 contacts in a window moves ±4 points by chance at 80 %; a window past the
    /// limit but not by the margin holds. Null: the plain limit.
    /// </summary>
    public double? BreachZ { get; init; }
}
