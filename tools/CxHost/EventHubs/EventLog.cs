using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace CxHost.EventHubs;

/// <summary>
/// The local, partitioned event log behind each hub: one Azure table per hub (<see cref="TableNameFor"/>), PartitionKey =
/// partition id, RowKey = the 19-digit zero-padded sequence number, plus a state row <c>~state</c> per partition with the
/// next sequence number and offset. Each append writes its events and the state row in one entity-group transaction,
/// so sequence numbers never repeat or skip, even across restarts.
/// </summary>
public sealed class EventLog(TableServiceClient tables, TimeProvider time, int partitionCount)
{
    private const string StateRow = "~state";
    private const int BodyChunkChars = 30_000;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, TableClient> _tables = new();
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.OrdinalIgnoreCase);
    private int _roundRobin = -1;

    /// <summary>The partitions of every hub.</summary>
    public int PartitionCount => partitionCount;

    /// <summary>
    /// The table that holds <paramref name="hub"/>'s log: <c>cxhub</c> + the hub's letters and digits + a hash of its name.
    /// </summary>
    public static string TableNameFor(string hub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hub);
        var clean = new string([.. hub.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var hash = PartitionKeyHasher.HashLittle2(Encoding.UTF8.GetBytes(hub.ToLowerInvariant()), 0, 0).Primary;
        return $"cxhub{(clean.Length > 40 ? clean[..40] : clean)}{hash:x8}";
    }

    /// <summary>Appends events: keyed events go to their key's partition, the others round-robin. Returns them as stored.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> AppendAsync(
        string hub, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var table = await TableAsync(hub, cancellationToken);
        var stored = new List<LoggedEvent>(events.Count);
        foreach (var group in events.GroupBy(PartitionOf))
        {
            stored.AddRange(await AppendToPartitionAsync(table, hub, group.Key, [.. group], cancellationToken));
        }

        SignalFor(hub).Pulse();
        return stored;
    }

    /// <summary>
    /// Reads up to <paramref name="max"/> events of a partition with sequence numbers above <paramref name="afterSequenceNumber"/>.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(
        string hub, string partitionId, long afterSequenceNumber, int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(hub, cancellationToken);
        var from = RowKey(afterSequenceNumber + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionId} and RowKey ge {from} and RowKey lt {StateRow}");
        var events = new List<LoggedEvent>(max);
        await foreach (var entity in table.QueryAsync<TableEntity>(
            filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            events.Add(ToEvent(entity));
            if (events.Count == max)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>The last sequence number written to a partition, or -1 when it is empty.</summary>
    public async Task<long> LastSequenceNumberAsync(string hub, string partitionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(hub, cancellationToken);
        var (next, _) = await ReadStateAsync(table, partitionId, cancellationToken);
        return next - 1;
    }

    /// <summary>Waits until something is appended to <paramref name="hub"/> or <paramref name="timeout"/> passes.</summary>
    public Task WaitForAppendAsync(string hub, TimeSpan timeout, CancellationToken cancellationToken) =>
        SignalFor(hub).WaitAsync(timeout, time, cancellationToken);

    private string PartitionOf(IncomingEvent incoming) =>
        (incoming.PartitionKey is null
            ? (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)partitionCount)
            : PartitionKeyHasher.PartitionFor(incoming.PartitionKey, partitionCount)).ToString(CultureInfo.InvariantCulture);

    private async Task<List<LoggedEvent>> AppendToPartitionAsync(
        TableClient table, string hub, string partitionId, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd($"{hub}/{partitionId}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (next, offset) = await ReadStateAsync(table, partitionId, cancellationToken);
            var stored = new List<LoggedEvent>(events.Count);
            foreach (var chunk in Chunks(events))
            {
                var actions = new List<TableTransactionAction>(chunk.Count + 1);
                foreach (var incoming in chunk)
                {
                    var logged = new LoggedEvent(
                        partitionId, next++, offset, time.GetUtcNow(), incoming.PartitionKey, incoming.Body, incoming.UserProperties);
                    offset += Encoding.UTF8.GetByteCount(incoming.Body);
                    stored.Add(logged);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(logged)));
                }

                var state = new TableEntity(partitionId, StateRow) { ["NextSequenceNumber"] = next, ["NextOffset"] = offset };
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, state));
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }

            return stored;
        }
        finally
        {
            gate.Release();
        }
    }

    private static IEnumerable<List<IncomingEvent>> Chunks(IReadOnlyList<IncomingEvent> events)
    {
        // Entity-group transactions allow 100 operations and 4 MiB; leave room for the state row and UTF-16 growth.
        var chunk = new List<IncomingEvent>();
        var bytes = 0;
        foreach (var incoming in events)
        {
            var size = Encoding.UTF8.GetByteCount(incoming.Body) * 2;
            if (chunk.Count > 0 && (chunk.Count == 99 || bytes + size > 3 * 1024 * 1024))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(incoming);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static async Task<(long Next, long Offset)> ReadStateAsync(
        TableClient table, string partitionId, CancellationToken cancellationToken)
    {
        var state = await table.GetEntityIfExistsAsync<TableEntity>(partitionId, StateRow, cancellationToken: cancellationToken);
        return state.HasValue
            ? (state.Value!.GetInt64("NextSequenceNumber") ?? 0, state.Value.GetInt64("NextOffset") ?? 0)
            : (0, 0);
    }

    private async Task<TableClient> TableAsync(string hub, CancellationToken cancellationToken)
    {
        var name = TableNameFor(hub);
        if (_tables.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var table = tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return _tables.GetOrAdd(name, table);
    }

    private Signal SignalFor(string hub) => _signals.GetOrAdd(hub, _ => new Signal());

    private static string RowKey(long sequenceNumber) => sequenceNumber.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(LoggedEvent logged)
    {
        var entity = new TableEntity(logged.PartitionId, RowKey(logged.SequenceNumber))
        {
            ["Offset"] = logged.Offset,
            ["EnqueuedTime"] = logged.EnqueuedTime,
            ["EventPartitionKey"] = logged.PartitionKey,
            ["UserProperties"] = logged.UserProperties.ToJsonString(),
        };
        var chunks = logged.Body.Chunk(BodyChunkChars).Select(c => new string(c)).ToList();
        entity["BodyChunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Body{i}"] = chunks[i];
        }

        return entity;
    }

    private static LoggedEvent ToEvent(TableEntity entity)
    {
        var chunks = entity.GetInt32("BodyChunks") ?? 0;
        var body = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"Body{i}")));
        return new LoggedEvent(
            entity.PartitionKey,
            long.Parse(entity.RowKey, CultureInfo.InvariantCulture),
            entity.GetInt64("Offset") ?? 0,
            entity.GetDateTimeOffset("EnqueuedTime") ?? DateTimeOffset.MinValue,
            entity.GetString("EventPartitionKey"),
            body,
            JsonNode.Parse(entity.GetString("UserProperties") ?? "{}") as JsonObject ?? []);
    }

    /// <summary>Wakes every waiter when the hub gets new events.</summary>
    private sealed class Signal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Pulse() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                await Volatile.Read(ref _next).Task.WaitAsync(timeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Poll again.
            }
        }
    }
}
