using System.Diagnostics.Metrics;
using CxServerless.Functions.Telemetry;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// Counts the storage requests the KPI read side makes (queries and their continuation pages), as the metric
/// <c>cx.kpi.storage_reads</c> and as a total the benchmark reads, so "storage reads per dashboard refresh" is measured.
/// </summary>
public static class StorageReads
{
    private static readonly Counter<long> Counter = CxTelemetry.Meter.CreateCounter<long>(
        "cx.kpi.storage_reads", description: "Storage requests made by the KPI read side.");
    private static long _total;

    /// <summary>All read-side storage requests since the process started.</summary>
    public static long Total => Interlocked.Read(ref _total);

    /// <summary>Counts one request.</summary>
    public static void Add()
    {
        Interlocked.Increment(ref _total);
        Counter.Add(1);
    }
}
