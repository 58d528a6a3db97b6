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
        string connectionString, IReadOnlyDictionary<string, int> mix, int callers, TimeSpan duration)
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
            long operations = 0;
            var counting = false;
            var watch = new Stopwatch();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                var queue = queues[caller % Queues];
                for (var cycle = 0; !stop.IsCancellationRequested; cycle++)
                {
                    var done = await CycleAsync(queue, table, mix, $"c{caller}", cycle);
                    if (Volatile.Read(ref counting))
                    {
                        Interlocked.Add(ref operations, done);
                    }
                }
            })).ToList();

            // A second of warm-up (connections, JIT), then the window.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Volatile.Write(ref counting, true);
            watch.Start();
            await Task.Delay(duration);
            Volatile.Write(ref counting, false);
            watch.Stop();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            return new CeilingResult(Interlocked.Read(ref operations) / watch.Elapsed.TotalSeconds, mix, callers);
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

    /// <summary>One cycle; returns the number of transactions it made.</summary>
    private static async Task<int> CycleAsync(
        QueueClient queue, TableClient table, IReadOnlyDictionary<string, int> mix, string caller, int cycle)
    {
        var made = 0;
        for (var i = 0; i < mix.GetValueOrDefault("queue put"); i++, made++)
        {
            await queue.SendMessageAsync(Payload);
        }

        var received = new List<(string Id, string PopReceipt)>();
        for (var i = 0; i < mix.GetValueOrDefault("queue get"); i++, made++)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value;
            received.AddRange(messages.Select(m => (m.MessageId, m.PopReceipt)));
        }

        for (var i = 0; i < mix.GetValueOrDefault("queue update") && i < received.Count; i++, made++)
        {
            var (id, receipt) = received[i];
            var updated = (await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
            received[i] = (id, updated.PopReceipt);
        }

        for (var i = 0; i < mix.GetValueOrDefault("queue delete") && i < received.Count; i++, made++)
        {
            await queue.DeleteMessageAsync(received[i].Id, received[i].PopReceipt);
        }

        // Like the framework's tables: an instance row per cycle, history rows under the cycle's own partition.
        var partition = $"{caller}-{cycle}";
        for (var i = 0; i < mix.GetValueOrDefault("table batch"); i++, made++)
        {
            await table.SubmitTransactionAsync([
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, $"{i:D4}a")),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, $"{i:D4}b"))]);
        }

        for (var i = 0; i < mix.GetValueOrDefault("table write"); i++, made++)
        {
            await table.UpsertEntityAsync(Entity(caller, "instance"), TableUpdateMode.Merge);
        }

        for (var i = 0; i < mix.GetValueOrDefault("table query"); i++, made++)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
            {
            }
        }

        for (var i = 0; i < mix.GetValueOrDefault("table point read"); i++, made++)
        {
            await table.GetEntityIfExistsAsync<TableEntity>(caller, "instance");
        }

        return made;
    }

    private static TableEntity Entity(string partition, string row) => new(partition, row)
    {
        ["EventType"] = "TaskCompleted",
        ["Result"] = Payload[..256],
        ["Timestamp2"] = DateTimeOffset.UtcNow,
    };
}
