using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Aggregation;

/// <summary>Identifies a per-minute bucket within one source partition.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Minute">The minute (end), see <see cref="Windows.EventMinutes"/>.</param>
public readonly record struct BucketKey(KpiId Kpi, Slice Slice, long Minute);
