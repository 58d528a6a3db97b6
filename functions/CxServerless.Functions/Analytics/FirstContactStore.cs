using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// First-contact resolution from storage (the <c>FirstContacts</c> table), so that a week of pending contacts costs no
/// handler memory, survives restarts and sees a customer's repeat contact whichever source partition carried it.
/// <para>Two kinds of row, both written in entity-group transactions of the batch that carried the events:</para>
/// <list type="bullet">
/// <item>a <b>start</b> per <c>ContactStarted</c> of a customer with a key: PartitionKey <c>s{week:D6}-{bucket:D2}</c>
/// (the week is <c>ticks ÷ 7 days</c>, the bucket the pseudonym's, as in CustomerIndex), RowKey
/// <c>{pseudonym}|{event ticks:D19}|{event hash}</c>, no other property;</item>
/// <item>a <b>due</b> row per handled <c>ContactEnded</c> (resolved, unresolved, transferred, escalated) of a customer
/// with a key: PartitionKey <c>d{minute of end + window:D12}</c>, RowKey the event hash, with the source partition, the
/// pseudonym, the end time, whether it ended resolved, and the event's slices.</item>
/// </list>
/// When a source partition's watermark passes a due minute, <see cref="SettleAsync"/> reads that minute's due rows of
/// the partition, looks for a start of the same customer inside (end, end + window] (one key-range read per week the
/// window touches, so one or two), and inserts the outcomes (1: ended resolved with no repeat, else 0) as one
/// MetricBuckets row (RowKey <c>fcr|{source partition}</c>) for that minute. The row is inserted, never replaced: a retry
/// that finds it stored adds nothing, so each outcome counts exactly once. Then the due rows are deleted.
/// </summary>
/// <param name="table">The table.</param>
/// <param name="buckets">The pseudonym buckets per week (<c>CxIngestPartitionBuckets</c>).</param>
public sealed class FirstContactStore(TableClient table, int buckets)
{
    /// <summary>The RowKey prefix of the outcome rows in MetricBuckets.</summary>
    public const string OutcomeRowPrefix = "fcr|";

    private const long TicksPerWeek = 7 * TimeSpan.TicksPerDay;
    private const int MaxConcurrent = 16;
    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The partition of the starts of <paramref name="customerKey"/>'s bucket in week <paramref name="week"/>.</summary>
    public string StartPartition(long week, string customerKey) =>
        string.Create(CultureInfo.InvariantCulture, $"s{week:D6}-{Ingestion.EventEntities.Bucket(customerKey, buckets):D2}");

    /// <summary>The partition of the contacts due in <paramref name="minute"/>.</summary>
    public static string DuePartition(long minute) => "d" + minute.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The key of the due row a handled contact end writes, for a given FCR window.</summary>
    public static (string PartitionKey, string RowKey) DueKey(string eventId, DateTimeOffset endedAt, TimeSpan window) =>
        (DuePartition(EventMinutes.MinuteOf(endedAt + window)), Hash(eventId));

    /// <summary>The week of an instant.</summary>
    public static long WeekOf(DateTimeOffset time) => time.UtcTicks / TicksPerWeek;

    /// <summary>Creates the table when missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>
    /// Records the starts among <paramref name="events"/> and the handled ends among <paramref name="counted"/> (the
    /// events the buckets count). Upserts keyed by the event, so a redelivered batch writes the same rows again.
    /// </summary>
    public async Task RecordAsync(
        string partition, IEnumerable<CxEvent> events, IEnumerable<CxEvent> counted, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(counted);
        var actions = new List<TableTransactionAction>();
        foreach (var e in events)
        {
            if (e is { Type: CxEventType.ContactStarted, CustomerKey: { Length: > 0 } customer })
            {
                var row = customer + "|" + Ticks(e.EventTime) + "|" + Hash(e.EventId);
                actions.Add(Upsert(new TableEntity(StartPartition(WeekOf(e.EventTime), customer), row)));
            }
        }

        foreach (var e in counted)
        {
            if (e is { Type: CxEventType.ContactEnded, CustomerKey: { Length: > 0 } customer }
                && e.Outcome is CxOutcome.Resolved or CxOutcome.Unresolved or CxOutcome.Transferred or CxOutcome.Escalated)
            {
                var (due, row) = DueKey(e.EventId, e.EventTime, window);
                actions.Add(Upsert(new TableEntity(due, row)
                {
                    ["Partition"] = partition,
                    ["Customer"] = customer,
                    ["EndedAt"] = e.EventTime,
                    ["Resolved"] = e.Outcome == CxOutcome.Resolved,
                    ["Slices"] = JsonSerializer.Serialize(SlicesOf(e)),
                }));
            }
        }

        if (actions.Count == 0)
        {
            return;
        }

        await EnsureCreatedAsync(cancellationToken);
        using var gate = new SemaphoreSlim(MaxConcurrent);
        await Task.WhenAll(TableTransactions.Plan(actions).Select(async group =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await TableTransactions.SubmitAsync(table, group, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>
    /// Settles the contacts of <paramref name="partition"/> due in minutes <paramref name="fromMinute"/> through
    /// <paramref name="throughMinute"/> into <paramref name="buckets"/>, at most <paramref name="maxMinutes"/> of them.
    /// </summary>
    /// <returns>The last minute settled, and how many outcomes this call added (a retry's are found stored and not counted).</returns>
    public async Task<(long Through, int Added)> SettleAsync(
        string partition,
        long fromMinute,
        long throughMinute,
        int maxMinutes,
        TimeSpan window,
        MetricBucketStore buckets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var last = Math.Min(throughMinute, fromMinute + maxMinutes - 1);
        if (last < fromMinute)
        {
            return (fromMinute - 1, 0);
        }

        await EnsureCreatedAsync(cancellationToken);
        var added = 0;
        for (var minute = fromMinute; minute <= last; minute++)
        {
            added += await SettleMinuteAsync(partition, minute, window, buckets, cancellationToken);
        }

        return (last, added);
    }

    /// <summary>
    /// Deletes, for erasure, the customer's starts in the weeks of [<paramref name="from"/>, <paramref name="to"/>] and the due
    /// rows of <paramref name="dueRows"/> (the keys of the customer's handled contact ends, <see cref="DueKey"/>).
    /// </summary>
    /// <returns>Rows deleted.</returns>
    public async Task<long> EraseAsync(
        string customerKey,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<(string PartitionKey, string RowKey)> dueRows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueRows);
        await EnsureCreatedAsync(cancellationToken);
        var rows = new List<(string, string)>(dueRows);
        for (var week = WeekOf(from); week <= WeekOf(to); week++)
        {
            var key = StartPartition(week, customerKey);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {key} and RowKey ge {customerKey + "|"} and RowKey lt {customerKey + "}"}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add((key, row.RowKey));
            }
        }

        return await Retention.TableSweep.DeleteRowsAsync(table, rows, cancellationToken);
    }

    private async Task<int> SettleMinuteAsync(
        string partition, long minute, TimeSpan window, MetricBucketStore buckets, CancellationToken cancellationToken)
    {
        var due = DuePartition(minute);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {due} and Partition eq {partition}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        using var gate = new SemaphoreSlim(MaxConcurrent);
        var repeated = await Task.WhenAll(rows.Select(async row =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var ended = row.GetDateTimeOffset("EndedAt")
                    ?? throw new InvalidDataException($"Due row {due}/{row.RowKey} has no EndedAt.");
                return await HasStartAsync(row.GetString("Customer") ?? string.Empty, ended, ended + window, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var outcome = new MinuteRow(OutcomeRowPrefix + partition, minute) { AppliedThrough = 1 };
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows[i].GetBoolean("Resolved") == true && !repeated[i] ? 1 : 0;
            foreach (var text in JsonSerializer.Deserialize<string[]>(rows[i].GetString("Slices") ?? "[]") ?? [])
            {
                if (Slice.TryParse(text, out var slice))
                {
                    var aggregate = new KpiAggregate();
                    aggregate.Add(value);
                    outcome.Merge(new MinuteBucket(outcome.Partition, KpiId.FirstContactResolutionRate, slice, minute, aggregate));
                }
            }
        }

        var added = rows.Count;
        try
        {
            await buckets.WriteAsync(outcome, null, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            added = 0; // an earlier attempt stored this minute's outcomes: they count once
        }

        await Retention.TableSweep.DeleteRowsAsync(table, [.. rows.Select(r => (r.PartitionKey, r.RowKey))], cancellationToken);
        return added;
    }

    private async Task<bool> HasStartAsync(
        string customerKey, DateTimeOffset after, DateTimeOffset through, CancellationToken cancellationToken)
    {
        var from = customerKey + "|" + Ticks(after.AddTicks(1));
        var to = customerKey + "|" + Ticks(through) + "|~";
        for (var week = WeekOf(after); week <= WeekOf(through); week++)
        {
            var key = StartPartition(week, customerKey);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey ge {from} and RowKey le {to}");
            var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken);
            await foreach (var page in pages.AsPages())
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }

                if (page.ContinuationToken is null)
                {
                    break;
                }
            }
        }

        return false;
    }

    private static TableTransactionAction Upsert(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity);

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static string Hash(string eventId) =>
        Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(Encoding.UTF8.GetBytes(eventId)));

    private static string[] SlicesOf(CxEvent cxEvent)
    {
        Span<Slice> slices = new Slice[Slice.MaxPerEvent];
        var count = Slice.ForEvent(cxEvent, slices);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = slices[i].ToString();
        }

        return texts;
    }
}
