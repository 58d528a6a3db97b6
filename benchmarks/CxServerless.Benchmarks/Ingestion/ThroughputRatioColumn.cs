using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>Throughput relative to the baseline measured in the same run: baseline mean time divided by this mean time.</summary>
public sealed class ThroughputRatioColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ThroughputRatioColumn);

    /// <inheritdoc />
    public string ColumnName => "Throughput vs baseline";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Baseline mean / this mean: 1 = as fast as the baseline, 0.5 = half its throughput";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var baseline = summary.BenchmarksCases.FirstOrDefault(
            c => c.Descriptor.Baseline && c.Descriptor.Type == benchmarkCase.Descriptor.Type);
        var mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var theirs = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        return mine is > 0 && theirs is > 0 ? (theirs.Value / mine.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
