using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Functions.Ingestion;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The Baselines table: for every evaluated window of a watched KPI and slice, the baseline the detectors compared it
/// with (mean and band), so charts can draw the band. PartitionKey <c>{kpi}|{slice}</c>, RowKey the window end minute.
/// </summary>
public sealed class BaselineStore(TableClient table)
{
    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The partition key of one KPI and slice.</summary>
    public static string KeyOf(KpiId kpi, Slice slice) => EventEntities.SafeKey($"{kpi}|{slice}");

    /// <summary>Stores the baseline points of one evaluation pass (one transaction per KPI and slice).</summary>
    public async Task WriteAsync(IReadOnlyList<BaselinePoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        var actions = points.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(
            KeyOf(p.Kpi, p.Slice), EventMinutes.MinuteOf(p.End).ToString("D12", CultureInfo.InvariantCulture))
        {
            ["End"] = p.End,
            ["Value"] = p.Value,
            ["Mean"] = p.Mean,
            ["Lower"] = p.Lower,
            ["Upper"] = p.Upper,
            ["Detector"] = p.Detector,
        }));
        foreach (var transaction in Storage.TableTransactions.Plan(actions))
        {
            await Storage.TableTransactions.SubmitAsync(table, transaction, cancellationToken);
        }
    }

    /// <summary>The baseline points of one KPI and slice with window ends at or after <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<BaselinePoint>> ReadAsync(
        KpiId kpi, Slice slice, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var points = new List<BaselinePoint>();
        try
        {
            StorageReads.Add();
            var fromRow = EventMinutes.MinuteOf(from).ToString("D12", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyOf(kpi, slice)} and RowKey ge {fromRow}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                points.Add(new BaselinePoint(kpi, slice, row.GetDateTimeOffset("End") ?? default, row.GetDouble("Value") ?? 0,
                    row.GetDouble("Mean"), row.GetDouble("Lower"), row.GetDouble("Upper"), row.GetString("Detector") ?? string.Empty));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return points;
    }
}

/// <summary>One window's baseline: the detectors' expected value and band (null where a detector has none yet).</summary>
public sealed record BaselinePoint(
    KpiId Kpi, Slice Slice, DateTimeOffset End, double Value, double? Mean, double? Lower, double? Upper, string Detector)
{
    /// <summary>
    /// The band to draw for a verdict: the first learned baseline (EWMA, percentile, level shift) if any, else the
    /// static limits, which are the band a static rule enforces.
    /// </summary>
    public static BaselinePoint? From(KpiId kpi, Slice slice, DateTimeOffset end, PanelVerdict? verdict)
    {
        if (verdict is null)
        {
            return null;
        }

        var learned = verdict.Verdicts.FirstOrDefault(v => v.Baseline is not null && v.Detector != "static");
        var chosen = learned ?? verdict.Verdicts.FirstOrDefault(v => v.Lower is not null || v.Upper is not null);
        return chosen is null
            ? null
            : new BaselinePoint(kpi, slice, end, chosen.Value, chosen.Baseline, chosen.Lower, chosen.Upper, chosen.Detector);
    }
}
