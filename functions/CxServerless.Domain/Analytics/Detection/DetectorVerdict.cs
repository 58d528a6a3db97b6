using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>What one detector made of one window.</summary>
/// <param name="Detector">The detector's name (<c>static</c>, <c>ewma</c>, <c>percentile</c>, <c>spike</c>, <c>levelShift</c>).</param>
/// <param name="Level">Breach, hold, clear or insufficient.</param>
/// <param name="Direction">Which side of the baseline the value is on.</param>
/// <param name="Value">The window's value.</param>
/// <param name="Baseline">What the value was compared with (limit, expected value), when there is one.</param>
/// <param name="Lower">The lower edge of the normal band, when there is one.</param>
/// <param name="Upper">The upper edge of the normal band, when there is one.</param>
/// <param name="Severity">The detector's severity, used when it breaches.</param>
/// <param name="BaselineKind">Plain words for the baseline, used in alert messages (for example "usual level for this hour").</param>
public sealed record DetectorVerdict(
    string Detector,
    DetectionLevel Level,
    BreachDirection Direction,
    double Value,
    double? Baseline,
    double? Lower,
    double? Upper,
    AlertSeverity Severity,
    string BaselineKind)
{
    /// <summary>A verdict saying there is not enough to judge.</summary>
    public static DetectorVerdict Insufficient(string detector, double value, AlertSeverity severity, string baselineKind) =>
        new(detector, DetectionLevel.Insufficient, BreachDirection.None, value, null, null, null, severity, baselineKind);
}
