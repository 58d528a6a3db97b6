using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// What the alert evaluator last published about its monitors: the KPIs and slices whose detectors all have enough
/// history to judge. A watched KPI and slice with a learned baseline that is not listed is still learning (or has no
/// data yet). One row of the Alerts table (PartitionKey <c>status</c>), read by the same query as the alerts, so the
/// summary learns it at no extra storage read.
/// </summary>
/// <param name="Ready">The KPIs and slices whose monitors judge, as <c>{kpi}|{slice}</c>.</param>
/// <param name="Version">Changes with every stored change (the row's ETag), for the summary's ETag.</param>
public sealed record MonitorStatus(IReadOnlySet<string> Ready, string Version)
{
    /// <summary>The table partition of the status row.</summary>
    public const string PartitionKey = "status";

    /// <summary>The row key of the status row.</summary>
    public const string RowKey = "monitors";

    /// <summary>The key of one KPI and slice.</summary>
    public static string KeyOf(KpiId kpi, Slice slice) => $"{kpi}|{slice}";

    /// <summary>True when <paramref name="kpi"/> for <paramref name="slice"/> has monitors that judge.</summary>
    public bool IsReady(KpiId kpi, Slice slice) => Ready.Contains(KeyOf(kpi, slice));

    /// <summary>The row to store for <paramref name="ready"/>.</summary>
    public static TableEntity ToEntity(IEnumerable<string> ready) =>
        new(PartitionKey, RowKey) { ["Ready"] = string.Join('\n', ready.Order(StringComparer.Ordinal)) };

    /// <summary>Reads the status row.</summary>
    public static MonitorStatus FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var ready = (entity.GetString("Ready") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new MonitorStatus(ready.ToHashSet(StringComparer.Ordinal), entity.ETag.ToString());
    }
}
