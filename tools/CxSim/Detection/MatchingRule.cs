namespace CxSim.Detection;

/// <summary>
/// How alerts are matched to labelled incidents (docs/alert-rules.md, "Detection quality"). An alert matches an
/// incident when its KPI is one the label says the incident moves, and it opened (its opening window's end) between
/// the incident's start and its end plus the rule's window size plus <see cref="Grace"/>. For recall, the alert's slice
/// must contain the incident's slice; for precision, it must share traffic with it.
/// </summary>
/// <param name="Grace">
/// Extra time after end + window size (the effect of contacts that arrived in the incident lasts a little longer).
/// </param>
/// <param name="ScoredFrom">Alerts opened before this are part of the warm-up and not scored.</param>
public sealed record MatchingRule(TimeSpan Grace, DateTimeOffset ScoredFrom)
{
    /// <summary>The grace of the documented rule: ten minutes.</summary>
    public static TimeSpan DefaultGrace { get; } = TimeSpan.FromMinutes(10);
}
