namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>What a KPI is called, its unit, how its value is read and whether it keeps a quantile sketch.</summary>
/// <param name="Id">The KPI.</param>
/// <param name="DisplayName">The plain name used in alert messages and on the dashboard.</param>
/// <param name="Unit">The unit suffix for display: <c>s</c>, <c>%</c>, or empty.</param>
/// <param name="Kind">How the value is read from an aggregate.</param>
/// <param name="KeepsQuantiles">True when buckets keep a quantile sketch (durations), so p50/p90/p95 can be read.</param>
/// <param name="HigherIsBetter">True when a higher value is better for the customer (CSAT, service level).</param>
public sealed record KpiDefinition(
    KpiId Id,
    string DisplayName,
    string Unit,
    KpiValueKind Kind,
    bool KeepsQuantiles,
    bool HigherIsBetter);
