using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Alerts;
using CxServerless.Functions.Analytics;
using CxServerless.Workflows.Feedback;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Retention;

/// <summary>
/// Deletes every row older than its data class's limit (<see cref="RetentionOptions"/>), except rows a legal hold
/// covers. Time-partitioned tables are walked by PartitionKey range; the others by a filtered query on a time column.
/// Running it again deletes nothing more; two instances running at once delete each row once.
/// </summary>
public sealed class RetentionSweeper(
    RetentionTables tables,
    LegalHoldStore holds,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionSweeper> logger)
{
    private delegate Task<(long Deleted, long Held)> ClassSweep(
        DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken);

    /// <summary>Sweeps every class once and returns the counts.</summary>
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var held = await holds.SnapshotAsync(cancellationToken);
        var sweeps = new (RetentionClass Class, ClassSweep? Sweep)[]
        {
            (RetentionClasses.RawEvents, SweepEventsAsync),
            (RetentionClasses.CustomerIndex, SweepCustomerIndexAsync),
            (RetentionClasses.Quarantine, SweepQuarantineAsync),
            (RetentionClasses.LateEvents, SweepLateEventsAsync),
            (RetentionClasses.MetricBuckets, SweepMetricBucketsAsync),
            (RetentionClasses.SentimentScores, tables.SentimentScores is null ? null : SweepSentimentScoresAsync),
            (RetentionClasses.FirstContacts, tables.FirstContacts is null ? null : SweepFirstContactsAsync),
            (RetentionClasses.Alerts, SweepAlertsAsync),
            (RetentionClasses.Baselines, SweepBaselinesAsync),
            (RetentionClasses.Tasks, SweepTasksAsync),
            (RetentionClasses.Notifications, SweepNotificationsAsync),
            (RetentionClasses.FalseAlarms, SweepFalseAlarmsAsync),
            (RetentionClasses.Handovers, SweepHandoversAsync),
            (RetentionClasses.FeedbackLoops, tables.FeedbackLoops is null ? null : SweepFeedbackLoopsAsync),
            (RetentionClasses.FeedbackReport, tables.FeedbackReport is null ? null : SweepFeedbackReportAsync),
            (RetentionClasses.Interventions, tables.Interventions is null ? null : SweepInterventionsAsync),
            (RetentionClasses.Audit, SweepAuditAsync),
            (RetentionClasses.ErasureReceipts, SweepErasureReceiptsAsync),
        };
        var counts = new List<RetentionClassCount>();
        foreach (var (retentionClass, sweep) in sweeps)
        {
            var days = retentionClass.Days(options.Value);
            var cutoff = started.AddDays(-days);
            counts.Add(sweep is null
                ? new RetentionClassCount(retentionClass.Name, days, cutoff, RetentionStatuses.NotStored, 0, 0)
                : await SweepOneAsync(retentionClass, days, cutoff, held, sweep, cancellationToken));
        }

        return new RetentionRun(RetentionSweepFunction.FunctionName, started, time.GetUtcNow(), counts);
    }

    private async Task<RetentionClassCount> SweepOneAsync(
        RetentionClass retentionClass,
        int days,
        DateTimeOffset cutoff,
        LegalHoldSet held,
        ClassSweep sweep,
        CancellationToken cancellationToken)
    {
        try
        {
            var (deleted, kept) = await sweep(cutoff, held, cancellationToken);
            return new RetentionClassCount(retentionClass.Name, days, cutoff, RetentionStatuses.Swept, deleted, kept);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Row deletes treat 404 as done, so a 404 that gets here is the query's: the table does not exist yet.
            return new RetentionClassCount(retentionClass.Name, days, cutoff, RetentionStatuses.NoTable, 0, 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One class failing must not keep the others from their limits; the run records it and the next run retries.
            logger.LogError("Retention of {Class} failed with {ErrorType}", retentionClass.Name, ex.GetType().Name);
            var failed = $"{RetentionStatuses.Failed}: {(ex as RequestFailedException)?.ErrorCode ?? ex.GetType().Name}";
            return new RetentionClassCount(retentionClass.Name, days, cutoff, failed, 0, 0);
        }
    }

    // CxEvents: PartitionKey {yyyyMMddHH}-{bucket}, so every partition of an hour before the cutoff's hour sorts below it.
    private Task<(long, long)> SweepEventsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Events,
            TableClient.CreateQueryFilter($"PartitionKey lt {Stamp(cutoff, "yyyyMMddHH")}"),
            ["CustomerKey", "ConversationId"],
            row => held.Holds(row.GetString("CustomerKey"), row.GetString("ConversationId")),
            null,
            null,
            cancellationToken);

    // CustomerIndex: PartitionKey {yyyyMMdd of event time}-{bucket}, RowKey {pseudonym}|{event keys}. A customer hold keeps
    // the customer's rows (so an erasure after the hold still finds the held events); a case hold cannot be told from the
    // key, and the held event then only loses its index row, which matters not: held events are not erased.
    private Task<(long, long)> SweepCustomerIndexAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.CustomerIndex,
            TableClient.CreateQueryFilter($"PartitionKey lt {Stamp(cutoff, "yyyyMMdd")}"),
            [],
            row => held.Holds(Privacy.CustomerIndexStore.Parse(row.RowKey)?.Pseudonym),
            null,
            null,
            cancellationToken);

    // ErasureRequests: one partition; a filtered scan on CompletedAt, which running requests do not have yet.
    private Task<(long, long)> SweepErasureReceiptsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAllAsync(
            tables.ErasureRequests,
            TableClient.CreateQueryFilter($"PartitionKey eq {Privacy.ErasureRequestStore.Partition} and CompletedAt lt {cutoff}"),
            cancellationToken);

    // Quarantine: PartitionKey {yyyyMMdd of ingestion}-{partition}. A quarantined payload never became an event, so it has
    // no customer pseudonym; only a case hold whose id appears in the masked payload keeps it.
    private Task<(long, long)> SweepQuarantineAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Quarantine,
            TableClient.CreateQueryFilter($"PartitionKey lt {Stamp(cutoff, "yyyyMMdd")}"),
            held.Cases.Count > 0 ? ["Payload"] : [],
            row => held.Mentions(row.GetString("Payload")),
            null,
            null,
            cancellationToken);

    // LateEvents: one partition ('late'), so the walk is a filtered scan of it; rows hold no customer or
    // conversation id, only the event id (the event itself, in CxEvents, is what a hold keeps).
    private Task<(long, long)> SweepLateEventsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAllAsync(
            tables.LateEvents,
            TableClient.CreateQueryFilter($"PartitionKey eq {"late"} and ArrivedAt lt {cutoff}"),
            cancellationToken);

    // MetricBuckets: PartitionKey m{minute:D12}; 'clock' sorts below 'm', so the range starts at 'm'. Aggregates: no holds.
    private Task<(long, long)> SweepMetricBucketsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken)
    {
        var before = MetricBucketStore.MinuteKey(cutoff.UtcTicks / TimeSpan.TicksPerMinute);
        return TableSweep.DeleteAllAsync(
            tables.MetricBuckets,
            TableClient.CreateQueryFilter($"PartitionKey ge {"m"} and PartitionKey lt {before}"),
            cancellationToken);
    }

    // SentimentScores: PartitionKey m{minute:D12} of the event, as the buckets. Scores of events: no text, no customer key,
    // no conversation id, so a hold cannot be told from a row (the held event itself stays in CxEvents).
    private Task<(long, long)> SweepSentimentScoresAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken)
    {
        var before = MetricBucketStore.MinuteKey(cutoff.UtcTicks / TimeSpan.TicksPerMinute);
        return TableSweep.DeleteAllAsync(
            tables.SentimentScores!, TableClient.CreateQueryFilter($"PartitionKey lt {before}"), cancellationToken);
    }

    // FirstContacts: starts under PartitionKey s{week:D6}-{bucket}, due rows under d{minute:D12}: two key ranges. Pseudonyms and
    // times only; a customer hold cannot keep them past the window they serve (the held events themselves stay in CxEvents).
    private async Task<(long, long)> SweepFirstContactsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken)
    {
        var week = "s" + FirstContactStore.WeekOf(cutoff).ToString("D6", CultureInfo.InvariantCulture);
        var due = FirstContactStore.DuePartition(cutoff.UtcTicks / TimeSpan.TicksPerMinute);
        var (starts, _) = await TableSweep.DeleteAllAsync(
            tables.FirstContacts!, TableClient.CreateQueryFilter($"PartitionKey ge {"s"} and PartitionKey lt {week}"), cancellationToken);
        var (dues, _) = await TableSweep.DeleteAllAsync(
            tables.FirstContacts!, TableClient.CreateQueryFilter($"PartitionKey ge {"d"} and PartitionKey lt {due}"), cancellationToken);
        return (starts + dues, 0);
    }

    // Alerts: fixed partitions, so a filtered scan on ResolvedAt (open alerts have none and are never due). A detected alert
    // whose last change was not yet announced on the alerts queue (NotifiedVersion < Version) is kept for its outbox.
    private Task<(long, long)> SweepAlertsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Alerts,
            TableClient.CreateQueryFilter(
                $"(PartitionKey eq {StoredAlert.PartitionKey} or PartitionKey eq {ManualAlert.PartitionKey}) and ResolvedAt lt {cutoff}"),
            ["Version", "NotifiedVersion"],
            row => held.Holds(null, row.RowKey),
            row => row.PartitionKey != StoredAlert.PartitionKey
                || (row.GetInt32("NotifiedVersion") ?? 0) >= (row.GetInt32("Version") ?? 0),
            null,
            cancellationToken);

    // Baselines: PartitionKey {kpi}|{slice}, RowKey the window end minute (D12). Partitions are not time-based, so this is a
    // filtered scan on RowKey. Aggregates: no holds.
    private Task<(long, long)> SweepBaselinesAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken)
    {
        var before = (cutoff.UtcTicks / TimeSpan.TicksPerMinute).ToString("D12", CultureInfo.InvariantCulture);
        return TableSweep.DeleteAsync(
            tables.Baselines, TableClient.CreateQueryFilter($"RowKey lt {before}"), [], _ => false, null, null, cancellationToken);
    }

    // Tasks: partition 'task', filtered on Status and ClosedAt (open tasks are never due). Each task's timeline partition
    // (tl-{taskId}) goes first, so a run cut short leaves the task row for the next run to find.
    private Task<(long, long)> SweepTasksAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Tasks,
            TableClient.CreateQueryFilter(
                $"PartitionKey eq {TaskRecord.PartitionKey} and Status eq {TaskStatuses.Resolved} and ClosedAt lt {cutoff}"),
            ["AlertId"],
            row => held.Holds(null, row.RowKey, row.GetString("AlertId")),
            null,
            row => TableSweep.DeletePartitionAsync(tables.Tasks, "tl-" + row.RowKey, cancellationToken),
            cancellationToken);

    // Notifications: PartitionKey the recipient, so a filtered scan on At.
    private Task<(long, long)> SweepNotificationsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Notifications,
            TableClient.CreateQueryFilter($"At lt {cutoff}"),
            ["TaskId"],
            row => held.Holds(null, row.GetString("TaskId")),
            null,
            null,
            cancellationToken);

    // FalseAlarms: one partition, RowKey the alert id, so a filtered scan on At. A case hold on the alert keeps its row.
    private Task<(long, long)> SweepFalseAlarmsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.FalseAlarms,
            TableClient.CreateQueryFilter($"PartitionKey eq {Tasks.FalseAlarmStore.PartitionKey} and At lt {cutoff}"),
            ["TaskId"],
            row => held.Holds(null, row.RowKey, row.GetString("TaskId")),
            null,
            null,
            cancellationToken);

    // Handovers: PartitionKey the team, so a filtered scan on At. Summaries of KPIs per team: no customer, no case.
    private Task<(long, long)> SweepHandoversAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAllAsync(
            tables.Handovers,
            TableClient.CreateQueryFilter($"At lt {cutoff}"),
            cancellationToken);

    // FeedbackLoops: PartitionKey the customer's pseudonym; head and loop rows carry OpenedAt, attached items At. A customer
    // hold keeps the customer's rows. Loops end within weeks, far inside the limit, so no running loop loses its row.
    private Task<(long, long)> SweepFeedbackLoopsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.FeedbackLoops!,
            TableClient.CreateQueryFilter($"OpenedAt lt {cutoff} or At lt {cutoff}"),
            [],
            row => held.Holds(row.PartitionKey),
            null,
            null,
            cancellationToken);

    // FeedbackReport: PartitionKey r-{yyyyMMdd of the loop's opening}, so the days before the cutoff's day sort below it.
    // Anonymous facts (no pseudonym, no event id): no holds; a held customer's loops stay in FeedbackLoops.
    private Task<(long, long)> SweepFeedbackReportAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAllAsync(
            tables.FeedbackReport!,
            TableClient.CreateQueryFilter(
                $"PartitionKey ge {FeedbackReportStore.PartitionPrefix} and PartitionKey lt {FeedbackReportStore.PartitionFor(cutoff)}"),
            cancellationToken);

    // Interventions: every row (listed interventions, live state, cap counters) carries At, the time it was written. A
    // customer hold keeps the rows that name the customer. Live state lasts hours, so the limit only ever meets history.
    private Task<(long, long)> SweepInterventionsAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAsync(
            tables.Interventions!,
            TableClient.CreateQueryFilter($"At lt {cutoff}"),
            ["CustomerKey"],
            row => row.GetString("CustomerKey") is { Length: > 0 } customer && held.Holds(customer),
            null,
            null,
            cancellationToken);

    // Audit: PartitionKey the UTC day (yyyyMMdd). Audit rows name staff, never customers: no holds.
    private Task<(long, long)> SweepAuditAsync(DateTimeOffset cutoff, LegalHoldSet held, CancellationToken cancellationToken) =>
        TableSweep.DeleteAllAsync(
            tables.Audit,
            TableClient.CreateQueryFilter($"PartitionKey lt {Stamp(cutoff, "yyyyMMdd")}"),
            cancellationToken);

    private static string Stamp(DateTimeOffset time, string format) => time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
}
