using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>
/// Storage transactions per stored event, as measured by <see cref="IngestionStorageBenchmarks"/> in its own process and
/// left in a file per parameter set (BenchmarkDotNet builds the summary in the host process).
/// </summary>
public sealed class TransactionsPerEventColumn : IColumn
{
    /// <summary>Where the benchmark process leaves its figure for a bucket count and batch size.</summary>
    public static string ResultFile(int buckets, int batchSize) =>
        Path.Combine(Path.GetTempPath(), $"cx-bench-ingestion-storage-{buckets}-{batchSize}.txt");

    /// <inheritdoc />
    public string Id => nameof(TransactionsPerEventColumn);

    /// <inheritdoc />
    public string ColumnName => "Tx/stored event";

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
    public string Legend => "Storage requests (each one billed transaction) per stored event, amortised over the run; aim <= 0.05";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var buckets = Parameter(benchmarkCase, nameof(IngestionStorageBenchmarks.Buckets));
        var batchSize = Parameter(benchmarkCase, nameof(IngestionStorageBenchmarks.BatchSize));
        var file = ResultFile(buckets, batchSize);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : "-";
    }

    private static int Parameter(BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value as int? ?? 0;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
