using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>The stored history a recalibration works from: final minute series of every watched KPI and slice.</summary>
/// <param name="Series">The minute series by KPI and slice (all source partitions merged).</param>
/// <param name="Activity">When anything arrived (so an idle store is no dip).</param>
/// <param name="Openings">The backlog level before the first minute, per backlog slice.</param>
/// <param name="HistoryFrom">The first window end replayed: the baselines learn from here.</param>
/// <param name="BacktestFrom">The first opening time scored: alerts opened earlier only warm the baselines up.</param>
/// <param name="To">The last window end replayed (every window up to it is final).</param>
public sealed record BacktestData(
    IReadOnlyDictionary<(KpiId Kpi, Slice Slice), MinuteSeries> Series,
    StoreActivity Activity,
    IReadOnlyDictionary<(KpiId Kpi, Slice Slice), double> Openings,
    DateTimeOffset HistoryFrom,
    DateTimeOffset BacktestFrom,
    DateTimeOffset To);
