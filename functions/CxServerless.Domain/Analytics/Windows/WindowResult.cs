using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>A KPI's figure for one window and slice, stamped with the window's end.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Start">The window's start (excluded).</param>
/// <param name="End">The window's end (included); the result's timestamp.</param>
/// <param name="Aggregate">The merged observations of the window (for a gauge: of the changes inside it).</param>
/// <param name="Value">The KPI's value, or null when the window has no denominator.</param>
/// <param name="Status">Provisional until the global watermark passes <paramref name="End"/>.</param>
public sealed record WindowResult(
    KpiId Kpi,
    Slice Slice,
    DateTimeOffset Start,
    DateTimeOffset End,
    KpiAggregate Aggregate,
    double? Value,
    WindowStatus Status)
{
    /// <summary>How many observations (the denominator) the value rests on.</summary>
    public long SampleCount => Aggregate.Weight;
}
