using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>A level shift (change point): the mean of the recent windows against the mean of the windows before them.</summary>
/// <param name="ReferenceWindows">How many windows before the recent ones form the reference level.</param>
/// <param name="RecentWindows">How many of the latest windows (the current one included) form the new level.</param>
/// <param name="BreachT">Breach when Welch's t of the two means reaches this.</param>
/// <param name="ClearT">Clear below this t (hysteresis).</param>
/// <param name="MinAbsoluteChange">The two means must also differ by at least this much to breach.</param>
/// <param name="MinStdDev">A floor for each side's standard deviation, so perfectly steady data does not give an infinite t.</param>
/// <param name="Direction">The sides watched.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are neither judged nor learned from.</param>
public sealed record LevelShiftOptions(
    int ReferenceWindows,
    int RecentWindows,
    double BreachT,
    double ClearT,
    double MinAbsoluteChange,
    double MinStdDev,
    BreachDirection Direction,
    AlertSeverity Severity,
    long MinSamples);
