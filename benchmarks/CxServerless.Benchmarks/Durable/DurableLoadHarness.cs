using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Durable.Client;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Durable.Worker;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// The durable engine on Azurite: storage transactions per activity call (counted by kind, deterministic), orchestrations
/// per second for a 3-activity sequence with 100 instances in flight, Azurite's raw operation ceiling measured in the same
/// run, and the engine's efficiency = throughput ÷ (ceiling ÷ operations per orchestration).
/// </summary>
public sealed class DurableLoadHarness : ILoadHarness
{
    private const int InFlight = 100;
    private const int Rounds = 2;

    /// <inheritdoc />
    public string Name => "durable";

    /// <inheritdoc />
    public string Description => "durable engine: transactions per activity, orchestrations/s, efficiency vs Azurite's raw ceiling";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var (perOrchestration, byKind) = await CountOperationsAsync(azurite);
            var throughput = await MeasureThroughputAsync(azurite);
            var ceiling = await RawCeilingAsync(azurite);
            Print(perOrchestration, byKind, throughput, ceiling);
            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>One orchestration of 1 and one of 3 activities, one message at a time: exact counts, and the marginal cost of an activity.</summary>
    private static async Task<(double PerOrchestration, Dictionary<string, double> PerActivity)> CountOperationsAsync(AzuriteFixture azurite)
    {
        await using var run = await EngineRun.StartAsync(azurite, counted: true, w => { w.BatchSize = 1; w.EpisodeConcurrency = 1; w.ActivityConcurrency = 1; });
        var one = await run.CountAsync("OneStep");
        var three = await run.CountAsync("ThreeSteps");
        var perActivity = three.Keys.Union(one.Keys)
            .Where(k => !k.Contains("empty poll", StringComparison.Ordinal))
            .ToDictionary(k => k, k => (three.GetValueOrDefault(k) - one.GetValueOrDefault(k)) / 2.0);
        var perOrchestration = three.Where(kv => !kv.Key.Contains("empty poll", StringComparison.Ordinal)).Sum(kv => kv.Value);
        return (perOrchestration, perActivity);
    }

    private static async Task<double> MeasureThroughputAsync(AzuriteFixture azurite)
    {
        await using var run = await EngineRun.StartAsync(azurite, counted: false, _ => { });
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var ids = Enumerable.Range(0, InFlight).Select(i => $"r{round}-{i}").ToList();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
                await run.Client.StartAsync("ThreeSteps", 1, id, ct));
            while ((await run.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Completed, Top: 1000))).Count < (round + 1) * InFlight)
            {
                await Task.Delay(50);
            }
        }

        return Rounds * InFlight / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Azurite's raw rate for the engine's operation mix (send, receive, delete, transaction, query), 100 callers at once.</summary>
    private static async Task<double> RawCeilingAsync(AzuriteFixture azurite)
    {
        var name = AzuriteFixture.UniqueName("ceiling");
        var queue = azurite.Queues.GetQueueClient(name);
        var table = azurite.Tables.GetTableClient(name);
        await queue.CreateAsync();
        await table.CreateAsync();
        try
        {
            long ops = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async caller =>
            {
                var pk = $"p{caller}";
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    await queue.SendMessageAsync("{\"kind\":\"x\"}");
                    var received = (await queue.ReceiveMessagesAsync(1)).Value;
                    foreach (var m in received)
                    {
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                    }

                    await table.SubmitTransactionAsync([
                        new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, $"e{i}") { ["Kind"] = "x" }),
                        new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(pk, "state") { ["N"] = i })]);
                    await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey eq {"state"}")))
                    {
                    }

                    Interlocked.Add(ref ops, 4 + received.Length);
                }
            }));
            return ops / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await queue.DeleteIfExistsAsync();
            await table.DeleteAsync();
        }
    }

    private static void Print(double perOrchestration, Dictionary<string, double> perActivity, double throughput, double ceiling)
    {
        var perActivityTotal = perActivity.Values.Sum();
        Console.WriteLine("Storage transactions per activity call (marginal: (3-activity − 1-activity orchestration) ÷ 2):");
        Console.WriteLine($"  {"operation",-28} {"per activity",12}");
        foreach (var (kind, count) in perActivity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind,-28} {count,12:F1}");
        }

        Console.WriteLine($"  {"total",-28} {perActivityTotal,12:F1}   (aim ≤ 8)");
        Console.WriteLine();
        var bound = ceiling / perOrchestration;
        Console.WriteLine($"  {"measure",-52} {"value",12}");
        Console.WriteLine($"  {"operations per 3-activity orchestration (start included)",-52} {perOrchestration,12:F0}");
        Console.WriteLine($"  {"Azurite raw ceiling (ops/s, same run)",-52} {ceiling,12:F0}");
        Console.WriteLine($"  {"storage-bound orchestrations/s (ceiling ÷ ops)",-52} {bound,12:F1}");
        Console.WriteLine($"  {$"measured orchestrations/s ({InFlight} in flight)",-52} {throughput,12:F1}");
        Console.WriteLine($"  {"efficiency (measured ÷ storage-bound; aim ≥ 0.5)",-52} {throughput / bound,12:F2}");
    }

    /// <summary>An engine with an in-process worker on a fresh task hub; starts are counted, the harness's status polling is not.</summary>
    private sealed class EngineRun : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly List<IHostedService> _hosted;

        private EngineRun(ServiceProvider services, WorkflowClient client)
        {
            _services = services;
            _hosted = [.. services.GetServices<IHostedService>()];
            Client = client;
        }

        public WorkflowClient Client { get; }

        public static async Task<EngineRun> StartAsync(AzuriteFixture azurite, bool counted, Action<WorkerOptions> worker)
        {
            var hub = AzuriteFixture.UniqueName("bench");
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(Account(azurite.ConnectionString, counted));
            services.AddDurableEngine(o => o.TaskHub = hub);
            services.AddWorkflowWorker(o =>
            {
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(20);
                o.PoisonSweepInterval = TimeSpan.FromHours(1);
                worker(o);
            });
            services.AddActivity<int, int>("AddOne", (n, _) => Task.FromResult(n + 1));
            services.AddOrchestrator<int, int>("OneStep", (ctx, n) => ctx.CallActivityAsync<int>("AddOne", n));
            services.AddOrchestrator<int, int>("ThreeSteps", async (ctx, n) =>
                await ctx.CallActivityAsync<int>("AddOne", await ctx.CallActivityAsync<int>("AddOne", await ctx.CallActivityAsync<int>("AddOne", n))));
            var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<WorkflowClient>().CreateIfNotExistsAsync(); // before counting starts

            // An uncounted client for starting, polling and clean-up, on the same task hub.
            var plain = new ServiceCollection();
            plain.AddSingleton(Account(azurite.ConnectionString, counted: false));
            plain.AddDurableEngine(o => o.TaskHub = hub);
            var client = plain.BuildServiceProvider().GetRequiredService<WorkflowClient>();
            await client.CreateIfNotExistsAsync();
            var run = new EngineRun(provider, client);
            foreach (var service in run._hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            return run;
        }

        /// <summary>Runs one orchestration alone and returns the storage operations it caused, by kind.</summary>
        public async Task<IReadOnlyDictionary<string, long>> CountAsync(string orchestrator)
        {
            var id = AzuriteFixture.UniqueName(orchestrator);
            StorageOperationCounter.Reset();
            StorageOperationCounter.Enabled = true;
            await _services.GetRequiredService<WorkflowClient>().StartAsync(orchestrator, 1, id);
            var state = await Client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20));
            await Task.Delay(300); // Let the worker finish deleting the last message.
            StorageOperationCounter.Enabled = false;
            if (state.Status != WorkflowStatus.Completed)
            {
                throw new InvalidOperationException($"{orchestrator} ended {state.Status}.");
            }

            return StorageOperationCounter.Snapshot();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in _hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            await Client.DeleteTaskHubAsync();
            await _services.DisposeAsync();
        }

        private static DurableStorageAccount Account(string connectionString, bool counted)
        {
            var tables = new TableClientOptions();
            var queues = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
            var blobs = new BlobClientOptions();
            if (counted)
            {
                tables.AddPolicy(new StorageOperationCounter("table"), HttpPipelinePosition.PerCall);
                queues.AddPolicy(new StorageOperationCounter("queue"), HttpPipelinePosition.PerCall);
                blobs.AddPolicy(new StorageOperationCounter("blob"), HttpPipelinePosition.PerCall);
            }

            return new DurableStorageAccount(new TableServiceClient(connectionString, tables), new QueueServiceClient(connectionString, queues), new BlobServiceClient(connectionString, blobs));
        }
    }
}
