using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using CxServerless.Domain.Ingestion;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// <c>IngestCxEvents</c> (Event Hubs trigger, many, string): runs every event of a batch through the pure pipeline,
/// stores accepted events and quarantines the rest, adds the stored events to the KPI buckets, hands them to every
/// <see cref="IStoredEventSink"/> (off-path work such as sentiment scoring), then adds the batch to its partition's
/// counters under an ETag. The invocation only succeeds once all of that is durable; any storage failure fails it so the
/// host retries the same batch.
/// </summary>
public sealed partial class IngestCxEventsFunction(
    IngestionPipeline pipeline,
    IngestionStore store,
    IngestionCounterStore counters,
    Privacy.CustomerIndexStore customerIndex,
    Analytics.AnalyticsWriter analytics,
    IEnumerable<IStoredEventSink> sinks,
    Microsoft.Extensions.Options.IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestCxEventsFunction> logger) : IFunctionHandler
{
    /// <summary>The function folder name.</summary>
    public const string FunctionName = "IngestCxEvents";

    /// <summary>The trigger's binding name in function.json.</summary>
    public const string BindingName = "events";

    private const int MaxCounterAttempts = 8;

    private readonly ConcurrentDictionary<string, (IngestionTotals Totals, ETag? ETag)> _cache = new(StringComparer.Ordinal);
    private volatile bool _tablesReady;

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var batch = EventHubBatch.TryRead(request, BindingName, out var error);
        if (batch is null)
        {
            // Not an Event Hubs envelope: a host fault. Failing keeps the batch for the retry policy rather than losing it.
            return InvocationResult.Fail(error!).Log(error!);
        }

        if (!_tablesReady)
        {
            await store.EnsureTablesAsync(cancellationToken);
            await counters.Table.CreateIfNotExistsAsync(cancellationToken);
            _tablesReady = true;
        }

        var rowKey = IngestionCounterStore.RowKey(batch.Partition.EventHubName, batch.Partition.ConsumerGroup, batch.Partition.PartitionId);
        for (var attempt = 1; attempt <= MaxCounterAttempts; attempt++)
        {
            var (totals, etag) = _cache.TryGetValue(rowKey, out var cached) ? cached : await counters.ReadAsync(rowKey, cancellationToken);
            var (delta, stored) = await IngestAsync(batch, totals.LastSequence, cancellationToken);
            if (delta.All.Received == 0)
            {
                return InvocationResult.Ok()
                    .Log($"{FunctionName}: partition {batch.Partition.PartitionId}: {batch.Events.Count} events already counted.");
            }

            // KPI buckets before the counters: if this fails, the batch is redelivered and the writer skips what it already holds.
            try
            {
                await analytics.ApplyAsync(rowKey, stored, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance wrote this partition's KPI rows meanwhile (two owners overlap for a moment while
                // partitions move between instances). The writer dropped its state; redo from what is stored, as for
                // the counters below, instead of failing the invocation with an error.
                _cache.TryRemove(rowKey, out _);
                LogAnalyticsConflict(logger, batch.Partition.PartitionId, attempt, ex.Status);
                continue;
            }

            if (stored.Count > 0)
            {
                foreach (var sink in sinks)
                {
                    await sink.AcceptAsync(stored, cancellationToken);
                }
            }

            var next = Copy(totals);
            next.Add(delta);
            var newEtag = await counters.TryWriteAsync(rowKey, next, etag, cancellationToken);
            if (newEtag is not null)
            {
                _cache[rowKey] = (next, newEtag);
                IngestionMetrics.Record(delta);
                IngestionMetrics.RecordLag(batch.Events.Select(e => e.EnqueuedTimeUtc), time.GetUtcNow());
                return InvocationResult.Ok().Log(Summary(batch.Partition.PartitionId, delta.All));
            }

            // Another writer updated this partition's counters: re-read and redo; rows already written are recognised by origin.
            _cache.TryRemove(rowKey, out _);
            LogCounterConflict(logger, batch.Partition.PartitionId, attempt);
        }

        throw new InvalidOperationException(
            $"The counters or KPI rows of partition {batch.Partition.PartitionId} kept changing under {MaxCounterAttempts} attempts.");
    }

    private async Task<(IngestionTotals Delta, IReadOnlyList<Analytics.SequencedEvent> Stored)> IngestAsync(
        EventHubBatch batch, long lastSequence, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var hub = batch.Partition.EventHubName;
        var fresh = batch.Events.Where(e => e.SequenceNumber < 0 || e.SequenceNumber > lastSequence).ToList();
        var delta = new IngestionTotals { LastSequence = fresh.Count == 0 ? -1 : fresh.Max(e => e.SequenceNumber) };
        var processed = new List<Processed>(fresh.Count);
        foreach (var e in fresh)
        {
            foreach (var p in Process(ToRaw(e, batch.Partition.PartitionId), hub, receivedAt))
            {
                processed.Add(p with { SequenceNumber = e.SequenceNumber });
            }
        }

        var accepted = new List<Processed>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in processed)
        {
            delta.Count(p.Outcome.SourceSystem, t => t.Received++);
            if (p.Outcome.IsAccepted && !seenKeys.Add(p.Outcome.DedupeKey!))
            {
                delta.Count(p.Outcome.SourceSystem, t => t.Duplicates++);
            }
            else if (p.Outcome.IsAccepted)
            {
                accepted.Add(p);
            }
        }

        var stored = await StoreAcceptedAsync(accepted, delta, cancellationToken);
        await QuarantineRejectedAsync(processed.Where(p => !p.Outcome.IsAccepted).ToList(), delta, cancellationToken);
        return (delta, stored);
    }

    private async Task<IReadOnlyList<Analytics.SequencedEvent>> StoreAcceptedAsync(
        List<Processed> accepted, IngestionTotals delta, CancellationToken cancellationToken)
    {
        var stored = new List<Analytics.SequencedEvent>(accepted.Count);
        var buckets = options.Value.PartitionBuckets;
        var rows = accepted.Select(p => EventEntities.ForEvent(p.Outcome.Event!, p.Outcome.DedupeKey!, p.Origin, buckets)).ToList();

        // The index first: an erasure request must find every stored event (an index row without its event is harmless).
        await customerIndex.RecordAsync([.. accepted.Select((p, i) => (p.Outcome.Event!, rows[i]))], cancellationToken);
        var results = await IngestionStore.InsertAsync(store.Events, rows, cancellationToken);
        for (var i = 0; i < accepted.Count; i++)
        {
            var outcome = accepted[i].Outcome;
            if (results[(rows[i].PartitionKey, rows[i].RowKey)] == EventWriteResult.Duplicate)
            {
                delta.Count(outcome.SourceSystem, t => t.Duplicates++);
            }
            else
            {
                delta.Count(outcome.SourceSystem, t => t.Store(outcome.SkewSeconds ?? 0, outcome.IsLate));
                stored.Add(new Analytics.SequencedEvent(outcome.Event!, accepted[i].SequenceNumber));
            }
        }

        return stored;
    }

    private async Task QuarantineRejectedAsync(List<Processed> rejected, IngestionTotals delta, CancellationToken cancellationToken)
    {
        var rows = rejected.Select(p => EventEntities.ForQuarantine(p.Outcome, p.Origin, p.IngestTime)).ToList();
        if (rows.Count > 0)
        {
            // A row that exists has the same origin (the row key is the origin): an earlier attempt quarantined it already.
            await IngestionStore.InsertAsync(store.Quarantine, rows, cancellationToken);
        }

        foreach (var p in rejected)
        {
            delta.Count(p.Outcome.SourceSystem, t => t.Quarantine(p.Outcome.Rejection!.Reason));
        }
    }

    /// <summary>One processed entry per event the body holds; the second and later of a body have the origin <c>…#{index}</c>.</summary>
    private IEnumerable<Processed> Process(RawEvent raw, string hub, DateTimeOffset receivedAt)
    {
        var ingestTime = raw.EnqueuedTime ?? receivedAt;
        IReadOnlyList<IngestionOutcome> outcomes;
        try
        {
            outcomes = pipeline.ProcessAll(raw, receivedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A pipeline bug must not fail the neighbours: the event is kept in quarantine and the failure is logged by type only.
            LogPipelineFailure(logger, ex.GetType().Name, $"{hub}/{raw.Origin}");
            outcomes =
            [
                new IngestionOutcome
                {
                    SourceSystem = IngestionPipeline.UnknownSource,
                    Origin = raw.Origin,
                    Rejection = new Rejection(QuarantineReason.ProcessingError, $"the pipeline failed with {ex.GetType().Name}"),
                    MaskedPayload = Domain.Ingestion.Privacy.PiiMasker.MaskPayload(raw.Body),
                },
            ];
        }

        return outcomes.Select(outcome => new Processed(outcome, $"{hub}/{outcome.Origin}", ingestTime));
    }

    private static RawEvent ToRaw(EventHubEvent e, string partitionId)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in e.Properties)
        {
            if (value is not null)
            {
                properties[name] = EncodedJson.ReadString(value) ?? value.ToJsonString();
            }
        }

        return new RawEvent(e.Body, partitionId, e.SequenceNumber, e.EnqueuedTimeUtc, properties);
    }

    private static IngestionTotals Copy(IngestionTotals totals)
    {
        var copy = new IngestionTotals();
        copy.Add(totals);
        copy.LastSequence = totals.LastSequence;
        return copy;
    }

    private static string Summary(string partition, SourceTotals t) => string.Create(CultureInfo.InvariantCulture,
        $"{FunctionName}: partition {partition}: {t.Received} received, {t.Stored} stored, {t.QuarantinedTotal} quarantined, " +
        $"{t.Duplicates} duplicates, {t.Late} late.");

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Ingestion counters of partition {Partition} changed concurrently (attempt {Attempt}); retrying")]
    private static partial void LogCounterConflict(ILogger logger, string partition, int attempt);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "KPI rows of partition {Partition} changed concurrently (attempt {Attempt}, status {Status}); retrying from storage")]
    private static partial void LogAnalyticsConflict(ILogger logger, string partition, int attempt, int status);

    [LoggerMessage(
        Level = LogLevel.Error, Message = "The ingestion pipeline failed with {ExceptionType} on {Origin}; the event is quarantined")]
    private static partial void LogPipelineFailure(ILogger logger, string exceptionType, string origin);

    private sealed record Processed(IngestionOutcome Outcome, string Origin, DateTimeOffset IngestTime)
    {
        public long SequenceNumber { get; init; } = -1;
    }
}
