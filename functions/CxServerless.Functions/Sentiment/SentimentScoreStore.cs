using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// The SentimentScores table: one row per scored event (<see cref="SentimentScoreRow"/>), inserted if absent, so the first
/// score stored for an event is the one every later delivery uses.
/// </summary>
public sealed class SentimentScoreStore(TableClient table)
{
    /// <summary>The table's default name (setting <c>CxSentimentScoresTable</c>).</summary>
    public const string DefaultTableName = "SentimentScores";

    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>The stored score of an event, or null.</summary>
    public async Task<SentimentScoreRow?> ReadAsync(long minute, string key, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            MetricBucketStore.MinuteKey(minute), key, cancellationToken: cancellationToken);
        return response.HasValue ? SentimentScoreRow.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// The scores of the events in minutes <paramref name="first"/> to <paramref name="last"/> (inclusive): one query over
    /// that key range of minute partitions, reading the <c>Score</c> column only. Nothing when the table does not exist.
    /// </summary>
    public async IAsyncEnumerable<double> ScoresAsync(
        long first, long last, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {MetricBucketStore.MinuteKey(first)} and PartitionKey le {MetricBucketStore.MinuteKey(last)}");
        var rows = table.QueryAsync<TableEntity>(filter, select: ["Score"], cancellationToken: cancellationToken);
        await using var page = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await page.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                yield break; // No score was ever stored.
            }

            if (page.Current.GetDouble("Score") is { } score)
            {
                yield return score;
            }
        }
    }

    /// <summary>Stores a score unless the event has one; returns the stored row (this one, or the one stored first).</summary>
    public async Task<SentimentScoreRow> AddIfAbsentAsync(SentimentScoreRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = row.ToEntity();
        TableRules.ValidateEntity(entity);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return row;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await ReadAsync(row.Minute, row.Key, cancellationToken)
                ?? throw new InvalidOperationException($"Score {row.Key} of minute {row.Minute} conflicted but is not stored.");
        }
    }

    /// <summary>
    /// Sets <paramref name="flag"/> (<c>Applied</c> or <c>Late</c>) on the rows of <paramref name="keys"/> in one minute. Setting a
    /// flag again changes nothing, so any delivery may do it.
    /// </summary>
    public async Task MarkAsync(long minute, IReadOnlyCollection<string> keys, string flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        // Rows of one minute share a partition: one entity-group transaction per 100 (Azure's limit).
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(TableRules.MaxTransactionOperations))
        {
            var actions = chunk.Select(key => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, Flag(minute, key, flag), ETag.All)).ToList();
            TableRules.ValidateTransaction(actions);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // A row retention already removed: flag the others one by one.
                foreach (var key in chunk)
                {
                    await MarkOneAsync(minute, key, flag, cancellationToken);
                }
            }
        }
    }

    private async Task MarkOneAsync(long minute, string key, string flag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(Flag(minute, key, flag), ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Nothing to flag.
        }
    }

    private static TableEntity Flag(long minute, string key, string flag) =>
        new(MetricBucketStore.MinuteKey(minute), key) { [flag] = true };
}
