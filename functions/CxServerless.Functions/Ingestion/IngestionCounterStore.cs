using Azure;
using Azure.Data.Tables;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// The counter rows: one per (event hub, consumer group, partition), all in one table partition so that
/// <c>GET /api/ops/ingestion</c> reads them with one query. Each row is updated under its ETag, so two writers never
/// lose each other's counts.
/// </summary>
public sealed class IngestionCounterStore(TableClient table)
{
    /// <summary>The partition key of every counter row.</summary>
    public const string PartitionKey = "partition-totals";

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The row key of a partition's counters.</summary>
    public static string RowKey(string eventHub, string consumerGroup, string partitionId) =>
        EventEntities.SafeKey($"{eventHub}|{consumerGroup}|{partitionId}");

    /// <summary>Reads a partition's counters and their ETag; a partition never seen has zero counters and no ETag.</summary>
    public async Task<(IngestionTotals Totals, ETag? ETag)> ReadAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? (IngestionTotals.FromEntity(response.Value!), response.Value!.ETag) : (new IngestionTotals(), null);
    }

    /// <summary>
    /// Writes new counters if the row is still at <paramref name="etag"/> (or still absent when it is null). Returns the
    /// new ETag, or null when another writer got there first.
    /// </summary>
    public async Task<ETag?> TryWriteAsync(string rowKey, IngestionTotals totals, ETag? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var entity = totals.ToEntity(PartitionKey, rowKey);
        Storage.TableRules.ValidateEntity(entity);
        try
        {
            var response = etag is { } match
                ? await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The sum of every partition's counters.</summary>
    public async Task<(IngestionTotals Totals, int Partitions)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var sum = new IngestionTotals();
        var partitions = 0;
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(
                e => e.PartitionKey == PartitionKey, cancellationToken: cancellationToken))
            {
                var totals = IngestionTotals.FromEntity(row);
                totals.LastSequence = -1;
                sum.Add(totals);
                partitions++;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing ingested since the store was created.
        }

        return (sum, partitions);
    }
}
