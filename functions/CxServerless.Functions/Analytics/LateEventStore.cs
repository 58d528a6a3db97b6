using System.Globalization;
using Azure.Data.Tables;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The LateEvents table: every event that arrived after its partition's watermark had passed it, so it was not folded
/// into the KPI buckets. The event itself is stored in CxEvents like any other; this row lists it (no PII: ids, type,
/// times and slice values only). PartitionKey <c>late</c>, RowKey source partition and sequence number, so a
/// redelivered batch rewrites the same rows.
/// </summary>
public sealed class LateEventStore(TableClient table)
{
    private const string PartitionKey = "late";
    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>Records late events of one partition.</summary>
    public async Task AddAsync(
        string partition,
        IReadOnlyList<SequencedEvent> events,
        DateTimeOffset arrivedAt,
        DateTimeOffset watermark,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        var actions = events.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(
            PartitionKey, $"{partition}|{e.SequenceNumber.ToString("D19", CultureInfo.InvariantCulture)}")
        {
            ["Partition"] = partition,
            ["SequenceNumber"] = e.SequenceNumber,
            ["EventId"] = e.Event.EventId,
            ["Type"] = e.Event.Type.ToString(),
            ["EventTime"] = e.Event.EventTime,
            ["ArrivedAt"] = arrivedAt,
            ["Watermark"] = watermark,
            ["LateBySeconds"] = Math.Round((watermark - e.Event.EventTime).TotalSeconds, 3),
            ["Channel"] = e.Event.Channel.ToString(),
            ["Queue"] = e.Event.Queue,
            ["Team"] = e.Event.Team,
        }));
        foreach (var transaction in TableTransactions.Plan(actions))
        {
            await TableTransactions.SubmitAsync(table, transaction, cancellationToken);
        }
    }

    /// <summary>The most recent late events (by arrival), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LateEvent>> RecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var late = new List<LateEvent>();
        try
        {
            StorageReads.Add();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and ArrivedAt ge {since}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                late.Add(new LateEvent(
                    row.GetString("Partition") ?? string.Empty,
                    row.GetInt64("SequenceNumber") ?? -1,
                    row.GetString("EventId") ?? string.Empty,
                    row.GetString("Type") ?? string.Empty,
                    row.GetDateTimeOffset("EventTime") ?? default,
                    row.GetDateTimeOffset("ArrivedAt") ?? default,
                    row.GetDouble("LateBySeconds") ?? 0,
                    row.GetString("Channel"),
                    row.GetString("Queue"),
                    row.GetString("Team")));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return [.. late.OrderByDescending(e => e.ArrivedAt).ThenByDescending(e => e.SequenceNumber).Take(limit)];
    }
}

/// <summary>One listed late event.</summary>
public sealed record LateEvent(
    string Partition, long SequenceNumber, string EventId, string Type, DateTimeOffset EventTime, DateTimeOffset ArrivedAt,
    double LateBySeconds, string? Channel, string? Queue, string? Team);
