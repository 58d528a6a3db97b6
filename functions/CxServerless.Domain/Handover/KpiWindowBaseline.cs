using CxServerless.Domain.Analytics.Kpis;

namespace CxServerless.Domain.Handover;

/// <summary>One evaluated window of a KPI and slice and the baseline the detectors compared it with.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice, as text (<c>all</c>, <c>queue=billing</c>).</param>
/// <param name="End">The window's end.</param>
/// <param name="Value">The KPI's value in the window.</param>
/// <param name="Baseline">The expected value (the learned mean), when there was one.</param>
public sealed record KpiWindowBaseline(KpiId Kpi, string Slice, DateTimeOffset End, double Value, double? Baseline);
