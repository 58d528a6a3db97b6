using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Aggregation;

/// <summary>
/// The aggregate of one KPI for one slice, one minute and one source partition: the unit that is stored (one row
/// per bucket, keyed by partition so that instances never contend) and composed into windows at read time.
/// </summary>
/// <param name="Partition">The source partition (Event Hubs partition id) whose events it holds.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Minute">The minute (end), see <see cref="EventMinutes"/>.</param>
/// <param name="Aggregate">The observations.</param>
public sealed record MinuteBucket(string Partition, KpiId Kpi, Slice Slice, long Minute, KpiAggregate Aggregate);
