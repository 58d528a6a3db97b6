using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Durable.Client;
using CxServerless.Durable.Engine;
using CxServerless.Durable.History;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Durable.Worker;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Durable.Tests.Support;

/// <summary>An engine on a unique task hub in the shared Azurite, with an in-process worker that can be stopped and restarted.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private WorkflowWorker? _worker;
    private bool _ownsHub;

    private EngineHarness(ServiceProvider services)
    {
        Services = services;
        Client = services.GetRequiredService<WorkflowClient>();
        Engine = services.GetRequiredService<WorkflowEngine>();
    }

    public ServiceProvider Services { get; }

    public WorkflowClient Client { get; }

    public WorkflowEngine Engine { get; }

    public static async Task<EngineHarness> StartAsync(
        AzuriteFixture azurite,
        Action<IServiceCollection> register,
        Action<DurableOptions>? configure = null,
        Action<WorkerOptions>? worker = null,
        TimeProvider? time = null,
        IEngineFaults? faults = null,
        HttpPipelinePolicy? queuePolicy = null,
        HttpPipelinePolicy? allPolicy = null,
        bool startWorker = true,
        string? taskHub = null,
        bool createStorage = true)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (queuePolicy is not null)
        {
            queueOptions.AddPolicy(queuePolicy, HttpPipelinePosition.PerCall);
        }

        if (allPolicy is not null)
        {
            queueOptions.AddPolicy(allPolicy, HttpPipelinePosition.PerCall);
            tableOptions.AddPolicy(allPolicy, HttpPipelinePosition.PerCall);
            blobOptions.AddPolicy(allPolicy, HttpPipelinePosition.PerCall);
        }

        services.AddSingleton(new DurableStorageAccount(
            new TableServiceClient(azurite.ConnectionString, tableOptions),
            new QueueServiceClient(azurite.ConnectionString, queueOptions),
            new BlobServiceClient(azurite.ConnectionString, blobOptions)));
        var hub = taskHub ?? AzuriteFixture.UniqueName("wf");
        services.AddDurableEngine(o =>
        {
            o.TaskHub = hub;
            o.ControlPartitions = 2;
            o.MaxDequeueCount = 3;
            configure?.Invoke(o);
        });
        services.Configure<WorkerOptions>(o =>
        {
            o.VisibilityTimeout = TimeSpan.FromSeconds(5);
            o.MaxPollingInterval = TimeSpan.FromMilliseconds(50);
            worker?.Invoke(o);
        });
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (faults is not null)
        {
            services.AddSingleton(faults);
        }

        register(services);
        var harness = new EngineHarness(services.BuildServiceProvider()) { _ownsHub = taskHub is null };
        if (createStorage)
        {
            await harness.Client.CreateIfNotExistsAsync();
        }
        if (startWorker)
        {
            await harness.StartWorkerAsync();
        }

        return harness;
    }

    public async Task StartWorkerAsync()
    {
        _worker = new WorkflowWorker(Engine, Services.GetRequiredService<IOptions<WorkerOptions>>(), Services.GetRequiredService<ILogger<WorkflowWorker>>());
        await _worker.StartAsync(CancellationToken.None);
    }

    public async Task StopWorkerAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(CancellationToken.None);
            _worker.Dispose();
            _worker = null;
        }
    }

    public async Task<WorkflowState> RunAsync(string orchestrator, object? input = null, string? instanceId = null, int timeoutSeconds = 60)
    {
        var started = await Client.StartAsync(orchestrator, input, instanceId);
        return await WaitAsync(started.InstanceId, timeoutSeconds);
    }

    public async Task<WorkflowState> WaitAsync(string instanceId, int timeoutSeconds = 60)
    {
        var state = await Client.WaitForCompletionAsync(instanceId, TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromMilliseconds(50));
        Assert.True(state.IsFinal, $"Instance {instanceId} did not finish in {timeoutSeconds}s; it is {state.Status}.");
        return state;
    }

    /// <summary>Waits until the instance's history satisfies <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var state = await Client.GetStatusAsync(instanceId, includeHistory: true);
            if (state?.History is { } history && condition(history))
            {
                return history;
            }

            Assert.True(DateTime.UtcNow < deadline, $"History of {instanceId} did not reach the expected state in {timeoutSeconds}s.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Delivers every visible message of the hub once through the engine's single-message API, as the Functions host
    /// does (delete on success), with the given delivery count. Returns how many messages were delivered.
    /// </summary>
    public async Task<int> DeliverVisibleAsync(long dequeueCount = 1, bool control = true, bool activities = true)
    {
        var delivered = 0;
        foreach (var queue in Engine.Backend.AllQueues())
        {
            var isActivityQueue = queue.Name == Client.Names.ActivityQueue;
            if ((isActivityQueue && !activities) || (!isActivityQueue && !control))
            {
                continue;
            }

            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
            {
                var result = isActivityQueue
                    ? await Engine.ProcessActivityMessageAsync(message.MessageText, dequeueCount, CancellationToken.None)
                    : await Engine.ProcessControlMessageAsync(message.MessageText, dequeueCount, CancellationToken.None);
                Assert.True(result.Succeeded, result.Detail);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>All rows of the instance's history partition, as stored.</summary>
    public async Task<List<TableEntity>> StoredRowsAsync(string instanceId)
    {
        var table = Services.GetRequiredService<DurableStorageAccount>().Tables.GetTableClient(Client.Names.HistoryTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        try
        {
            if (_ownsHub)
            {
                await Engine.Backend.DeleteAllAsync(CancellationToken.None);
            }
        }
        finally
        {
            await Services.DisposeAsync();
        }
    }
}
