using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Adds stored scores to the <c>AverageSentiment</c> buckets, exactly once per event: under redelivery, when two instances
/// take duplicates, and when an invocation dies between any two writes.
/// </summary>
/// <remarks>
/// Scores go into MetricBuckets as a row of their own per minute (RowKey <see cref="RowKey"/>, beside the source
/// partitions' rows), so every reader of the buckets (KPI API, dashboard, alert evaluator, recalibration) merges them
/// like any partition's. The protocol, per minute:
/// <list type="number">
/// <item>Read the bucket row with its ETag and its <c>Unconfirmed</c> list: the keys of the last write whose score rows
/// may not yet say <c>Applied</c>.</item>
/// <item>Then read the score rows. An event counts as pending when its row says neither <c>Applied</c> nor <c>Late</c> and
/// its key is not in <c>Unconfirmed</c>.</item>
/// <item>Flag the keys of <c>Unconfirmed</c> as applied (they are in the row), then write the row plus the pending scores,
/// with <c>Unconfirmed</c> = the pending keys, guarded by the ETag. On a conflict, start again at 1.</item>
/// <item>Flag the pending keys as applied.</item>
/// </list>
/// Invariant: every event counted in a row is either in its <c>Unconfirmed</c> list or flagged applied before that row
/// version was written. Reading the scores after the row therefore never sees a counted event as pending, and the ETag
/// makes sure nothing changed in between. A death after step 3 leaves the keys in <c>Unconfirmed</c>; the next writer of
/// the minute (the redelivery, at the latest) flags them.
/// </remarks>
public sealed class SentimentBucketWriter(MetricBucketStore buckets, SentimentScoreStore scores)
{
    /// <summary>The RowKey of the sentiment rows in MetricBuckets (source partitions are <c>{hub}|{group}|{id}</c>).</summary>
    public const string RowKey = "sentiment";

    private const string UnconfirmedProperty = "Unconfirmed";
    private const int MaxAttempts = 25;

    /// <summary>Test seam: runs after the bucket write and before the score rows are flagged (a throw there is a death).</summary>
    internal Func<long, Task>? AfterBucketWrite { get; set; }

    /// <summary>
    /// Adds the scores of one minute; when <paramref name="late"/> (the minute is final), flags them late instead.
    /// </summary>
    /// <returns>How many were applied, flagged late, and found counted already.</returns>
    public async Task<SentimentScoringResult> ApplyAsync(
        long minute, IReadOnlyList<SentimentContribution> contributions, bool late, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        for (var attempt = 1; ; attempt++)
        {
            var (row, etag, unconfirmed) = await ReadAsync(minute, cancellationToken);
            var states = await Task.WhenAll(contributions.Select(c => scores.ReadAsync(minute, c.Key, cancellationToken)));
            var pending = contributions
                .Where((c, i) => states[i] is { Applied: false, Late: false } && !unconfirmed.Contains(c.Key))
                .ToList();
            var already = contributions.Count - pending.Count;
            await scores.MarkAsync(minute, unconfirmed, "Applied", cancellationToken);
            if (pending.Count == 0)
            {
                return new SentimentScoringResult(0, 0, already);
            }

            if (late)
            {
                await scores.MarkAsync(minute, pending.Select(p => p.Key).ToList(), "Late", cancellationToken);
                return new SentimentScoringResult(0, pending.Count, already);
            }

            var next = row.Clone();
            next.AppliedThrough = row.AppliedThrough + 1; // a version: the read side re-reads a row whose value changed
            foreach (var contribution in pending)
            {
                foreach (var slice in contribution.Slices)
                {
                    var aggregate = new KpiAggregate();
                    aggregate.Add(contribution.Score);
                    next.Merge(new MinuteBucket(RowKey, KpiId.AverageSentiment, slice, minute, aggregate));
                }
            }

            var keys = pending.Select(p => p.Key).ToList();
            try
            {
                await WriteAsync(next, etag, keys, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                continue; // another writer of this minute came first: read again
            }

            if (AfterBucketWrite is { } hook)
            {
                await hook(minute);
            }

            await scores.MarkAsync(minute, keys, "Applied", cancellationToken);
            return new SentimentScoringResult(pending.Count, 0, already);
        }
    }

    private async Task<(MinuteRow Row, ETag? ETag, HashSet<string> Unconfirmed)> ReadAsync(long minute, CancellationToken cancellationToken)
    {
        var response = await buckets.Table.GetEntityIfExistsAsync<TableEntity>(
            MetricBucketStore.MinuteKey(minute), RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return (new MinuteRow(RowKey, minute), null, new HashSet<string>(StringComparer.Ordinal));
        }

        var entity = response.Value!;
        var unconfirmed = (entity.GetString(UnconfirmedProperty) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        return (MetricBucketStore.FromEntity(entity), entity.ETag, unconfirmed);
    }

    private async Task WriteAsync(MinuteRow row, ETag? etag, IReadOnlyList<string> unconfirmed, CancellationToken cancellationToken)
    {
        var entity = MetricBucketStore.ToEntity(row);
        entity[UnconfirmedProperty] = string.Join(',', unconfirmed);
        TableRules.ValidateEntity(entity);
        if (etag is { } match)
        {
            await buckets.Table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await buckets.Table.AddEntityAsync(entity, cancellationToken);
        }
    }
}

/// <summary>One event's score for the buckets.</summary>
/// <param name="Key">The event key.</param>
/// <param name="Score">The score, −1 to +1.</param>
/// <param name="Slices">The event's slices.</param>
public sealed record SentimentContribution(string Key, double Score, IReadOnlyList<Slice> Slices);

/// <summary>What scoring did with a message's events.</summary>
/// <param name="Applied">Added to the AverageSentiment buckets by this call.</param>
/// <param name="Late">Too late for their minute: stored, flagged late, not in the buckets.</param>
/// <param name="Already">Counted (or flagged late) by an earlier or concurrent delivery.</param>
public sealed record SentimentScoringResult(int Applied, int Late, int Already)
{
    /// <summary>Adds two results.</summary>
    public SentimentScoringResult Add(SentimentScoringResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Applied + other.Applied, Late + other.Late, Already + other.Already);
    }
}
