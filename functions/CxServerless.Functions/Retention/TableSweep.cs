using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Retention;

/// <summary>
/// Deletes the rows a query finds, except held ones, in entity-group transactions of one partition and at most 100
/// operations. Query results come ordered by PartitionKey, so each partition's rows are consecutive.
/// </summary>
internal static class TableSweep
{
    /// <summary>Deletes what <paramref name="filter"/> finds; returns the rows deleted and kept under a hold.</summary>
    /// <param name="table">The table.</param>
    /// <param name="filter">The OData filter of expired rows.</param>
    /// <param name="select">The columns <paramref name="held"/> and <paramref name="expired"/> read (keys are always read).</param>
    /// <param name="held">True for a row a legal hold protects.</param>
    /// <param name="expired">Checks a row beyond the filter (for conditions a filter cannot state); null keeps every row found.</param>
    /// <param name="beforeDelete">Called with each row just before it is deleted, to delete what hangs off it first.</param>
    /// <param name="cancellationToken">Cancels the sweep between transactions.</param>
    public static async Task<(long Deleted, long Held)> DeleteAsync(
        TableClient table,
        string filter,
        IReadOnlyList<string> select,
        Func<TableEntity, bool> held,
        Func<TableEntity, bool>? expired,
        Func<TableEntity, Task>? beforeDelete,
        CancellationToken cancellationToken)
    {
        long deletedCount = 0;
        long heldCount = 0;
        var pending = new List<TableEntity>();
        var columns = select.Concat(["PartitionKey", "RowKey"]).Distinct(StringComparer.Ordinal).ToList();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            if (expired is not null && !expired(row))
            {
                continue;
            }

            if (held(row))
            {
                heldCount++;
                continue;
            }

            if (pending.Count > 0 && (pending.Count == TableRules.MaxTransactionOperations
                || !string.Equals(pending[0].PartitionKey, row.PartitionKey, StringComparison.Ordinal)))
            {
                deletedCount += await FlushAsync(table, pending, beforeDelete, cancellationToken);
                pending.Clear();
            }

            pending.Add(row);
        }

        if (pending.Count > 0)
        {
            deletedCount += await FlushAsync(table, pending, beforeDelete, cancellationToken);
        }

        return (deletedCount, heldCount);
    }

    /// <summary>Deletes every row <paramref name="filter"/> finds, for data no hold can cover; none is ever held.</summary>
    public static Task<(long Deleted, long Held)> DeleteAllAsync(TableClient table, string filter, CancellationToken cancellationToken) =>
        DeleteAsync(table, filter, [], _ => false, null, null, cancellationToken);

    /// <summary>Deletes every row of one partition (a task's timeline); returns how many.</summary>
    public static async Task<long> DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var (deleted, _) = await DeleteAllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);
        return deleted;
    }

    /// <summary>Deletes the given rows, one transaction per partition and at most 100 rows; returns how many existed.</summary>
    /// <param name="table">The table.</param>
    /// <param name="keys">The rows' keys; a row that is already gone counts 0.</param>
    /// <param name="cancellationToken">Cancels the deletes between transactions.</param>
    public static async Task<long> DeleteRowsAsync(
        TableClient table, IEnumerable<(string Partition, string Row)> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        long deleted = 0;
        foreach (var partition in keys.Distinct().GroupBy(k => k.Partition, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TableRules.MaxTransactionOperations))
            {
                var rows = chunk.Select(k => new TableEntity(k.Partition, k.Row)).ToList();
                deleted += await FlushAsync(table, rows, null, cancellationToken);
            }
        }

        return deleted;
    }

    private static async Task<long> FlushAsync(
        TableClient table, List<TableEntity> rows, Func<TableEntity, Task>? beforeDelete, CancellationToken cancellationToken)
    {
        if (beforeDelete is not null)
        {
            foreach (var row in rows)
            {
                await beforeDelete(row);
            }
        }

        var actions = rows
            .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All))
            .ToList();
        long count;
        try
        {
            await TableTransactions.SubmitAsync(table, actions, cancellationToken);
            count = rows.Count;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another sweep deleted one of these rows first; the transaction failed as a whole, so go one by one.
            count = 0;
            foreach (var row in rows)
            {
                count += await DeleteOneAsync(table, row, cancellationToken) ? 1 : 0;
            }
        }

        return count;
    }

    private static async Task<bool> DeleteOneAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK reports a row that is already gone as a 404 response rather than an exception.
            var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
