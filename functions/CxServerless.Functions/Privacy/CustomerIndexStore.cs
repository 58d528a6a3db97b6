using System.Globalization;
using Azure.Data.Tables;
using CxServerless.Domain.Events;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Privacy;

/// <summary>
/// The CustomerIndex table: which stored event rows carry which customer pseudonym, so that an erasure request finds a
/// customer's events with a few key-range reads instead of scanning every event. One row per event and alias:
/// PartitionKey <c>{yyyyMMdd of event time}-{bucket of the pseudonym}</c>, RowKey
/// <c>{pseudonym}|{event PartitionKey}|{event RowKey}</c>, no other columns. The bucket spreads a day's writes over as
/// many partitions as the events use per hour (<c>CxIngestPartitionBuckets</c>), and a customer's rows of one day sit
/// in one partition, consecutive.
/// </summary>
public sealed class CustomerIndexStore(TableClient table, int buckets)
{
    private const char Separator = '|';

    // The character after the separator: RowKey lt "{pseudonym}}" ends the range of one pseudonym's rows.
    private const char AfterSeparator = '}';

    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The partition of a pseudonym's index rows for one day.</summary>
    public string PartitionKey(string day, string pseudonym) =>
        string.Create(CultureInfo.InvariantCulture, $"{day}-{EventEntities.Bucket(pseudonym, buckets):D2}");

    /// <summary>The row of one event under one pseudonym.</summary>
    public static string RowKey(string pseudonym, string eventPartition, string eventRow) =>
        string.Concat(pseudonym, Separator.ToString(), eventPartition, Separator.ToString(), eventRow);

    /// <summary>The day part (<c>yyyyMMdd</c>) of an event's PartitionKey (<c>yyyyMMddHH-bucket</c>).</summary>
    public static string DayOf(string eventPartition) => eventPartition[..8];

    /// <summary>Splits an index RowKey into the pseudonym and the event's keys; null when it is not one of ours.</summary>
    public static (string Pseudonym, string EventPartition, string EventRow)? Parse(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var parts = rowKey.Split(Separator, 3);
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>
    /// Records every pseudonym of every event before the events are written, so no stored event is ever missing from the
    /// index. Upserts: a redelivered batch rewrites the same rows.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<(CxEvent Event, TableEntity Row)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var actions = new List<TableTransactionAction>();
        var seen = new HashSet<(string, string)>();
        foreach (var (e, row) in events)
        {
            foreach (var pseudonym in PseudonymsOf(e))
            {
                var entity = new TableEntity(
                    PartitionKey(DayOf(row.PartitionKey), pseudonym), RowKey(pseudonym, row.PartitionKey, row.RowKey));
                if (seen.Add((entity.PartitionKey, entity.RowKey)))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                }
            }
        }

        if (actions.Count == 0)
        {
            return;
        }

        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        foreach (var transaction in TableTransactions.Plan(actions))
        {
            await TableTransactions.SubmitAsync(table, transaction, cancellationToken);
        }
    }

    /// <summary>Every index row of one pseudonym for the given days: one key-range read per day.</summary>
    public async Task<IReadOnlyList<TableEntity>> FindAsync(
        string pseudonym, IEnumerable<string> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var found = new List<TableEntity>();
        var from = pseudonym + Separator;
        var to = pseudonym + AfterSeparator;
        try
        {
            foreach (var day in days)
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {PartitionKey(day, pseudonym)} and RowKey ge {from} and RowKey lt {to}");
                await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"],
                    cancellationToken: cancellationToken))
                {
                    found.Add(row);
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // no table yet: nothing was ever indexed
        }

        return found;
    }

    /// <summary>The pseudonyms an event carries: its aliases, or its customer key alone.</summary>
    public static IEnumerable<string> PseudonymsOf(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        if (cxEvent.CustomerAliases.Count > 0)
        {
            return cxEvent.CustomerAliases;
        }

        return cxEvent.CustomerKey is { Length: > 0 } key ? [key] : [];
    }
}
