using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CxServerless.Testing;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// Azurite's raw ceiling for the framework's own mix: callers each run, back to back, a cycle made of the primitive
/// operations one 3-activity orchestration makes (queue put, get, update, delete on five queues; table batch, write,
/// query and point read), with no framework in between. The figure is transactions per second.
/// </summary>
internal static class AzuriteCeiling
{
    private const int Queues = 5;

    private static readonly string Payload = new('x', 1024);

    /// <summary>The mix one 3-activity orchestration makes (as counted), for warming up and tracing.</summary>
    public static IReadOnlyDictionary<string, int> TypicalMix { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["queue put"] = 7,
        ["queue get"] = 7,
        ["queue delete"] = 7,
        ["table batch"] = 4,
        ["table query"] = 3,
        ["table write"] = 5,
    };

    /// <summary>
    /// Maps the counted transactions of one orchestration onto the primitives, rounded to whole operations; blob and
    /// other kinds are not replayed.
    /// </summary>
    public static IReadOnlyDictionary<string, int> MixOf(IReadOnlyDictionary<string, double> orchestration)
    {
        var mix = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (kind, count) in orchestration)
        {
            if (Primitive(kind) is { } primitive)
            {
                mix[primitive] = mix.GetValueOrDefault(primitive) + count;
            }
        }

        return mix.ToDictionary(kv => kv.Key, kv => (int)Math.Round(kv.Value), StringComparer.Ordinal);
    }

    public static async Task<CeilingResult> MeasureAsync(
        string connectionString, IReadOnlyDictionary<string, int> mix, int callers, TimeSpan duration, bool trace = false)
    {
        var name = AzuriteFixture.UniqueName("ceiling");
        var queueService = new QueueServiceClient(connectionString);
        var queues = Enumerable.Range(0, Queues).Select(i => queueService.GetQueueClient($"{name}-{i}")).ToList();
        var table = new TableServiceClient(connectionString).GetTableClient(name);
        foreach (var queue in queues)
        {
            await queue.CreateAsync();
        }

        await table.CreateAsync();
        try
        {
            var tally = new Tally();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                var queue = queues[caller % Queues];
                for (var cycle = 0; !stop.IsCancellationRequested; cycle++)
                {
                    await CycleAsync(queue, table, mix, $"c{caller}", cycle, tally);
                }
            })).ToList();

            // A second of warm-up (connections, JIT), then the window, sampled every second to find stalls.
            await Task.Delay(TimeSpan.FromSeconds(1));
            tally.Counting = true;
            var watch = Stopwatch.StartNew();
            var stalled = 0;
            for (long last = 0; watch.Elapsed < duration;)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var now = tally.Operations;
                stalled += now == last ? 1 : 0;
                if (trace)
                {
                    Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} t={watch.Elapsed.TotalSeconds:0}s {now - last} ops/s");
                }

                last = now;
            }

            tally.Counting = false;
            var elapsed = watch.Elapsed;
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            return new CeilingResult(tally.Operations / elapsed.TotalSeconds, mix, callers, elapsed, stalled);
        }
        finally
        {
            foreach (var queue in queues)
            {
                await queue.DeleteIfExistsAsync();
            }

            await table.DeleteAsync();
        }
    }

    private static string? Primitive(string kind) => kind switch
    {
        _ when kind.StartsWith("queue: put message", StringComparison.Ordinal) => "queue put",
        _ when kind.StartsWith("queue: get messages", StringComparison.Ordinal) => "queue get",
        _ when kind.StartsWith("queue: update message", StringComparison.Ordinal) => "queue update",
        _ when kind.StartsWith("queue: delete message", StringComparison.Ordinal) => "queue delete",
        _ when kind.StartsWith("table: batch", StringComparison.Ordinal) => "table batch",
        _ when kind.StartsWith("table: query", StringComparison.Ordinal) => "table query",
        _ when kind.StartsWith("table: point read", StringComparison.Ordinal) => "table point read",
        _ when kind.StartsWith("table: ", StringComparison.Ordinal) => "table write",
        _ => null,
    };

    /// <summary>One cycle; every transaction is tallied as it completes.</summary>
    private static async Task CycleAsync(
        QueueClient queue, TableClient table, IReadOnlyDictionary<string, int> mix, string caller, int cycle, Tally tally)
    {
        for (var i = 0; i < mix.GetValueOrDefault("queue put"); i++, tally.Add())
        {
            await queue.SendMessageAsync(Payload);
        }

        var received = new List<(string Id, string PopReceipt)>();
        for (var i = 0; i < mix.GetValueOrDefault("queue get"); i++, tally.Add())
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value;
            received.AddRange(messages.Select(m => (m.MessageId, m.PopReceipt)));
        }

        for (var i = 0; i < mix.GetValueOrDefault("queue update") && i < received.Count; i++, tally.Add())
        {
            var (id, receipt) = received[i];
            var updated = (await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
            received[i] = (id, updated.PopReceipt);
        }

        for (var i = 0; i < mix.GetValueOrDefault("queue delete") && i < received.Count; i++, tally.Add())
        {
            await queue.DeleteMessageAsync(received[i].Id, received[i].PopReceipt);
        }

        // Like the framework's tables: an instance row per cycle, history rows under the cycle's own partition.
        var partition = $"{caller}-{cycle}";
        for (var i = 0; i < mix.GetValueOrDefault("table batch"); i++, tally.Add())
        {
            await table.SubmitTransactionAsync([
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, $"{i:D4}a")),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, $"{i:D4}b"))]);
        }

        for (var i = 0; i < mix.GetValueOrDefault("table write"); i++, tally.Add())
        {
            await table.UpsertEntityAsync(Entity(caller, "instance"), TableUpdateMode.Merge);
        }

        for (var i = 0; i < mix.GetValueOrDefault("table query"); i++, tally.Add())
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
            {
            }
        }

        for (var i = 0; i < mix.GetValueOrDefault("table point read"); i++, tally.Add())
        {
            await table.GetEntityIfExistsAsync<TableEntity>(caller, "instance");
        }

    }

    /// <summary>Counts transactions while the window is open.</summary>
    private sealed class Tally
    {
        private long _operations;

        public bool Counting { get; set; }

        public long Operations => Interlocked.Read(ref _operations);

        public void Add()
        {
            if (Counting)
            {
                Interlocked.Increment(ref _operations);
            }
        }
    }

    private static TableEntity Entity(string partition, string row) => new(partition, row)
    {
        ["EventType"] = "TaskCompleted",
        ["Result"] = Payload[..256],
        ["Timestamp2"] = DateTimeOffset.UtcNow,
    };
}
