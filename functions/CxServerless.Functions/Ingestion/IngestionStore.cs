using Azure.Data.Tables;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// Writes rows insert-if-absent in entity-group transactions. When a transaction fails because a row exists, the rows of
/// that transaction that exist are looked up once, classified by their <c>Origin</c> (this delivery's earlier attempt, or
/// another delivery), and the rest is submitted again. Any other failure propagates: the invocation fails and the host
/// retries the batch.
/// </summary>
public sealed class IngestionStore(TableClient events, TableClient quarantine)
{
    private volatile bool _created;

    /// <summary>The events table.</summary>
    public TableClient Events => events;

    /// <summary>The quarantine table.</summary>
    public TableClient Quarantine => quarantine;

    /// <summary>Creates the tables once per process (creation is idempotent, so concurrent first calls are harmless).</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await events.CreateIfNotExistsAsync(cancellationToken);
        await quarantine.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }

    /// <summary>Inserts rows that are absent; returns per row key what happened.</summary>
    public static async Task<Dictionary<(string Partition, string Row), EventWriteResult>> InsertAsync(
        TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var results = new Dictionary<(string, string), EventWriteResult>();
        var plan = TableTransactions.Plan(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        foreach (var transaction in plan)
        {
            await InsertTransactionAsync(table, [.. transaction], results, cancellationToken);
        }

        return results;
    }

    private static async Task InsertTransactionAsync(
        TableClient table,
        List<TableTransactionAction> pending,
        Dictionary<(string, string), EventWriteResult> results,
        CancellationToken cancellationToken)
    {
        while (pending.Count > 0)
        {
            try
            {
                await TableTransactions.SubmitAsync(table, pending, cancellationToken);
                foreach (var action in pending)
                {
                    results[(action.Entity.PartitionKey, action.Entity.RowKey)] = EventWriteResult.Inserted;
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var existing = await ExistingOriginsAsync(table, pending, cancellationToken);
                if (existing.Count == 0)
                {
                    throw; // A conflict without an existing row is not ours to explain; fail so the batch is retried.
                }

                foreach (var action in pending.Where(a => existing.ContainsKey(a.Entity.RowKey)).ToList())
                {
                    var ours = string.Equals(
                        existing[action.Entity.RowKey], ((TableEntity)action.Entity).GetString("Origin"), StringComparison.Ordinal);
                    results[(action.Entity.PartitionKey, action.Entity.RowKey)] =
                        ours ? EventWriteResult.AlreadyWritten : EventWriteResult.Duplicate;
                    pending.Remove(action);
                }
            }
        }
    }

    /// <summary>
    /// The rows of a transaction's partition between its lowest and highest row key that exist, with their origin: one query.
    /// </summary>
    private static async Task<Dictionary<string, string?>> ExistingOriginsAsync(
        TableClient table, List<TableTransactionAction> pending, CancellationToken cancellationToken)
    {
        var partition = pending[0].Entity.PartitionKey;
        var keys = pending.Select(a => a.Entity.RowKey).Order(StringComparer.Ordinal).ToList();
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {keys[0]} and RowKey le {keys[^1]}");
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Origin"], cancellationToken: cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                existing[row.RowKey] = row.GetString("Origin");
            }
        }

        return existing;
    }
}
