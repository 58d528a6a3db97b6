using CxServerless.Domain.Analytics.Kpis;

namespace CxServerless.Domain.Handover;

/// <summary>How far a KPI and slice stood from its baseline over a shift, and whether that was worse for customers.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Windows">How many evaluated windows with a baseline the shift had.</param>
/// <param name="MeanValue">The mean of the windows' values.</param>
/// <param name="MeanBaseline">The mean of their baselines.</param>
/// <param name="ChangePercent">(mean value − mean baseline) ÷ |mean baseline| × 100: above the baseline is positive.</param>
/// <param name="WorsePercent">The change in the direction that is worse for customers (positive means worse).</param>
public sealed record KpiDrift(
    KpiId Kpi, string Slice, int Windows, double MeanValue, double MeanBaseline, double ChangePercent, double WorsePercent)
{
    /// <summary>
    /// The KPIs and slices that moved most against their baseline: per KPI and slice, the windows that had a baseline
    /// are averaged, the change is taken relative to the mean baseline, and those that moved the worse way are ranked
    /// by how far. A mean baseline of zero gives no relative change, so it is left out.
    /// </summary>
    /// <param name="windows">The evaluated windows of the shift.</param>
    /// <param name="top">The most to return.</param>
    /// <returns>The worst movers, worst first.</returns>
    public static IReadOnlyList<KpiDrift> Worst(IEnumerable<KpiWindowBaseline> windows, int top)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var drifts = new List<KpiDrift>();
        foreach (var group in windows.Where(w => w.Baseline is { } b && double.IsFinite(b) && double.IsFinite(w.Value))
                     .GroupBy(w => (w.Kpi, w.Slice)))
        {
            var meanValue = group.Average(w => w.Value);
            var meanBaseline = group.Average(w => w.Baseline!.Value);
            if (Math.Abs(meanBaseline) < 1e-9)
            {
                continue;
            }

            var change = (meanValue - meanBaseline) / Math.Abs(meanBaseline) * 100;
            var worse = KpiCatalog.Get(group.Key.Kpi).HigherIsBetter ? -change : change;
            if (worse > 0)
            {
                drifts.Add(new KpiDrift(group.Key.Kpi, group.Key.Slice, group.Count(), meanValue, meanBaseline, change, worse));
            }
        }

        return [.. drifts.OrderByDescending(d => d.WorsePercent).ThenBy(d => d.Kpi).ThenBy(d => d.Slice, StringComparer.Ordinal).Take(top)];
    }
}
