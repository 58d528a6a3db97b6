using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Durable.History;

namespace CxServerless.Durable.Storage;

/// <summary>
/// The history table: one partition per instance holding the state row (<c>RowKey = "state"</c>) and one row per
/// history event (<c>RowKey = h{generation:D6}-{index:D8}</c>). An episode's events and the state row are committed
/// together in an ETag-guarded entity-group transaction; a larger episode spills over several transactions, each of
/// which also updates the state row under its ETag, and only the last one advances the committed event count.
/// </summary>
internal sealed class HistoryStore(TableClient table, PayloadStore payloads, DurableOptions options)
{
    /// <summary>The state row's key.</summary>
    public const string StateRowKey = "state";

    /// <summary>The table.</summary>
    public TableClient Table { get; } = table;

    /// <summary>The row key of event <paramref name="index"/> in <paramref name="generation"/>.</summary>
    public static string EventRowKey(int generation, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-{index:D8}");

    /// <summary>The state row of an instance, or null when the instance (or the whole hub) does not exist.</summary>
    public async Task<TableEntity?> TryGetStateRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRowKey, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // The table does not exist yet: nothing was ever started on this hub.
        }
    }

    /// <summary>Loads an instance, or null when it does not exist.</summary>
    public async Task<InstanceRecord?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        TableEntity? stateRow = null;
        var eventRows = new List<TableEntity>();
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
            {
                if (row.RowKey == StateRowKey)
                {
                    stateRow = row;
                }
                else
                {
                    eventRows.Add(row);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // The table does not exist yet.
        }

        if (stateRow is null)
        {
            return null;
        }

        var state = await EntityMapping.ReadStateAsync(stateRow, payloads, cancellationToken);
        var events = new List<HistoryEvent>();
        var stale = new List<string>();
        foreach (var row in eventRows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var (generation, index) = ParseEventRowKey(row.RowKey);
            if (generation < state.Generation)
            {
                stale.Add(row.RowKey);
            }
            else if (generation == state.Generation && index < state.EventCount)
            {
                events.Add(await EntityMapping.ReadEventAsync(row, index, payloads, cancellationToken));
            }
        }

        if (events.Count != state.EventCount)
        {
            throw new InvalidOperationException(
                $"History of '{instanceId}' is incomplete: the state row counts {state.EventCount} events, {events.Count} were found.");
        }

        return new InstanceRecord(state, stateRow.ETag, events, stale);
    }

    /// <summary>Creates an instance with its first event; false when the instance already exists.</summary>
    public async Task<bool> TryCreateAsync(InstanceState state, HistoryEvent started, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, await EntityMapping.WriteStateAsync(state, payloads, options, cancellationToken)),
            new(TableTransactionActionType.Add, await EntityMapping.WriteEventAsync(state.InstanceId, state.Generation, started, payloads, options, cancellationToken)),
        };
        TransactionRules.Validate(actions);
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Commits an episode: <paramref name="newEvents"/> (indexes continue the current generation, or start at 0 for a
    /// new generation) and <paramref name="newState"/>, conditional on <paramref name="record"/>'s ETag.
    /// </summary>
    /// <exception cref="WorkflowConflictException">Another episode committed first, or the instance was purged.</exception>
    public async Task<ETag> CommitAsync(InstanceRecord record, InstanceState newState, IReadOnlyList<HistoryEvent> newEvents, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(newEvents.Count);
        foreach (var e in newEvents)
        {
            rows.Add(await EntityMapping.WriteEventAsync(newState.InstanceId, newState.Generation, e, payloads, options, cancellationToken));
        }

        var stateEntity = await EntityMapping.WriteStateAsync(newState, payloads, options, cancellationToken);
        var chunks = Chunk(rows, TransactionRules.EstimateBytes(stateEntity));
        var etag = record.ETag;
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var state = last ? stateEntity : SpillMarker(newState);
            var actions = chunks[i].Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
            actions.Add(new TableTransactionAction(last ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge, state, etag));
            etag = await SubmitGuardedAsync(actions, cancellationToken);
        }

        return etag;
    }

    /// <summary>
    /// Marks an instance failed on its state row alone, for when its history cannot be read (rows missing). Returns the
    /// state as written, or null when the instance does not exist or is already final.
    /// </summary>
    /// <exception cref="WorkflowConflictException">The state row changed since it was read.</exception>
    public async Task<InstanceState?> MarkFailedAsync(string instanceId, Orchestration.WorkflowFailure failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await TryGetStateRowAsync(instanceId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var state = await EntityMapping.ReadStateAsync(row, payloads, cancellationToken);
        if (state.IsTerminal)
        {
            return null;
        }

        var failed = state with { Status = Client.WorkflowStatus.Failed, Failure = failure, LastUpdatedAt = now, CompletedAt = now };
        var entity = await EntityMapping.WriteStateAsync(failed, payloads, options, cancellationToken);
        await SubmitGuardedAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, row.ETag)], cancellationToken);
        return failed;
    }

    /// <summary>Deletes rows by key (stale generations, purge), in transactions of up to 100.</summary>
    public async Task DeleteRowsAsync(string instanceId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(TransactionRules.MaxOperations))
        {
            var actions = chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk), ETag.All)).ToList();
            TransactionRules.Validate(actions);
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Another worker deleted some of them already; delete the rest one by one.
                foreach (var rk in chunk)
                {
                    await Table.DeleteEntityAsync(instanceId, rk, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>Every row key of an instance's partition.</summary>
    public async Task<IReadOnlyList<string>> RowKeysAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    /// <summary>Every instance's state row (for repairing the index).</summary>
    public async IAsyncEnumerable<InstanceState> ScanStatesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {StateRowKey}"), cancellationToken: cancellationToken))
        {
            yield return await EntityMapping.ReadStateAsync(row, payloads, cancellationToken);
        }
    }

    private async Task<bool> TableExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in Table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            {
                break;
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static (int Generation, int Index) ParseEventRowKey(string rowKey) =>
        (int.Parse(rowKey.AsSpan(1, 6), CultureInfo.InvariantCulture), int.Parse(rowKey.AsSpan(8), CultureInfo.InvariantCulture));

    private static TableEntity SpillMarker(InstanceState state) =>
        new(state.InstanceId, StateRowKey) { ["SpillEpisode"] = state.Episode };

    /// <summary>Splits rows so that each transaction, with the state row, keeps to 100 operations and 4 MiB.</summary>
    private static List<List<TableEntity>> Chunk(List<TableEntity> rows, long stateBytes)
    {
        var chunks = new List<List<TableEntity>> { new() };
        var bytes = stateBytes + TransactionRules.OperationOverheadBytes;
        foreach (var row in rows)
        {
            var size = TransactionRules.EstimateBytes(row) + TransactionRules.OperationOverheadBytes;
            if (chunks[^1].Count == TransactionRules.MaxOperations - 1 || bytes + size > TransactionRules.MaxBatchBytes)
            {
                chunks.Add([]);
                bytes = stateBytes + TransactionRules.OperationOverheadBytes;
            }

            chunks[^1].Add(row);
            bytes += size;
        }

        return chunks;
    }

    private async Task<ETag> SubmitGuardedAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TransactionRules.Validate(actions);
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value[^1].Headers.ETag ?? throw new InvalidOperationException("The transaction response carries no ETag for the state row.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            throw new WorkflowConflictException($"The instance changed while this episode ran (HTTP {ex.Status}).", ex);
        }
    }
}
