using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;

namespace CxServerless.Fault.Tests;

/// <summary>What the app stored and counted, read back from storage and from <c>GET /api/ops/ingestion</c>.</summary>
/// <param name="StoredIds">Distinct event ids in the events table.</param>
/// <param name="StoredRows">Rows in the events table (one per stored event; more than the ids would be a double store).</param>
/// <param name="ContactVolume">The <c>ContactVolume</c> count of every minute row, slice <c>all</c>, summed over all partitions.</param>
/// <param name="LateRows">Rows in the late-events table (events past the allowed lateness, kept out of the buckets).</param>
/// <param name="LateStarts">Of those, <c>ContactStarted</c> events (not in <c>ContactVolume</c>).</param>
/// <param name="Counters">The ingestion counters (received, stored, duplicates, quarantinedTotal, late).</param>
internal sealed record StoredTotals(
    HashSet<string> StoredIds, int StoredRows, long ContactVolume, int LateRows, int LateStarts, JsonObject? Counters)
{
    public long Counter(string name) => Counters?[name]?.GetValue<long>() ?? -1;

    public static async Task<StoredTotals> ReadAsync(FaultApp app, HttpClient http)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0;
        await foreach (var row in Rows(app.Events, ["EventId"]))
        {
            rows++;
            ids.Add(row.GetString("EventId"));
        }

        long volume = 0;
        await foreach (var entity in Rows(app.MetricBuckets, null, "PartitionKey ge 'm' and PartitionKey lt 'n'"))
        {
            var minute = MetricBucketStore.FromEntity(entity);
            if (minute.Aggregates.TryGetValue((KpiId.ContactVolume, Slice.All), out var aggregate))
            {
                volume += aggregate.Weight;
            }
        }

        var late = 0;
        var lateStarts = 0;
        await foreach (var row in Rows(app.LateEvents, ["Type"]))
        {
            late++;
            lateStarts += row.GetString("Type") == nameof(CxServerless.Domain.Events.CxEventType.ContactStarted) ? 1 : 0;
        }

        JsonObject? counters = null;
        try
        {
            counters = await http.GetFromJsonAsync<JsonObject>(new Uri("api/ops/ingestion", UriKind.Relative));
        }
        catch (HttpRequestException)
        {
        }

        return new StoredTotals(ids, rows, volume, late, lateStarts, counters);
    }

    public override string ToString() =>
        $"stored ids {StoredIds.Count}, rows {StoredRows}, ContactVolume {ContactVolume}, late rows {LateRows} ({LateStarts} starts), "
        + $"counters {Counters}";

    private static async IAsyncEnumerable<TableEntity> Rows(TableClient table, IEnumerable<string>? select, string? filter = null)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select))
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        foreach (var row in rows)
        {
            yield return row;
        }
    }
}
