using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>A band between percentiles (0–100) of the recent history of window values.</summary>
/// <param name="HistorySize">How many past windows the band is computed from.</param>
/// <param name="UpperPercentile">Breach above this percentile, when set (for example 99).</param>
/// <param name="ClearUpperPercentile">Clear at or below this percentile (hysteresis); defaults to the upper one.</param>
/// <param name="LowerPercentile">Breach below this percentile, when set (for example 1).</param>
/// <param name="ClearLowerPercentile">Clear at or above this percentile (hysteresis); defaults to the lower one.</param>
/// <param name="MinHistory">Past windows needed before judging.</param>
/// <param name="Severity">The severity of a breach.</param>
/// <param name="MinSamples">Windows with fewer observations are neither judged nor learned from.</param>
public sealed record PercentileBandOptions(
    int HistorySize,
    double? UpperPercentile,
    double? ClearUpperPercentile,
    double? LowerPercentile,
    double? ClearLowerPercentile,
    int MinHistory,
    AlertSeverity Severity,
    long MinSamples);
