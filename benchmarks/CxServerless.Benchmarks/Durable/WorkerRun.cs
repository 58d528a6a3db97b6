using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CxServerless.Workflows.Client;
using CxServerless.Workflows.Hosting;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// The hosted Durable Task Framework worker on Azurite, built with <see cref="WorkflowServiceCollectionExtensions.AddCxWorkflows"/>
/// as the handler builds it, on a task hub of its own that is deleted at the end. The worker's and the starting client's
/// storage clients carry a <see cref="StorageOperationCounter"/>; the harness's own status reads go through an uncounted
/// client on the same task hub.
/// </summary>
internal sealed class WorkerRun : IAsyncDisposable
{
    private static readonly TaskName Sequence = nameof(BenchSequence);

    private readonly IHost _host;
    private readonly AzureStorageOrchestrationService _readerService;

    private WorkerRun(IHost host, AzureStorageOrchestrationService readerService, string taskHub, TimeSpan startTime)
    {
        _host = host;
        _readerService = readerService;
        TaskHub = taskHub;
        StartTime = startTime;
        Options = host.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        Reader = new AzureStorageDurableTaskClient(taskHub, readerService);
    }

    public string TaskHub { get; }

    public WorkflowOptions Options { get; }

    /// <summary>Time from building the host to <see cref="WorkflowHost.Started"/> (task hub created, worker running).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>The client the handler's functions get (counted: a start is part of an orchestration's cost).</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>An uncounted client for the harness's status reads.</summary>
    public AzureStorageDurableTaskClient Reader { get; }

    /// <summary>Builds and starts a worker on a new task hub, with the given changes to the default options.</summary>
    /// <param name="connectionString">Azurite.</param>
    /// <param name="logs">Counts the host's warnings and errors.</param>
    /// <param name="configure">Changes to the default <see cref="WorkflowOptions"/>.</param>
    /// <param name="storage">Changes to the storage clients' options (the app uses the SDK's defaults); may be null.</param>
    /// <param name="services">Adds what the app's own workflows need (read models, the roster); may be null.</param>
    public static async Task<WorkerRun> StartAsync(
        string connectionString, FrameworkLogCounter logs, Action<WorkflowOptions> configure, Action<ClientOptions>? storage = null,
        Action<IServiceCollection>? services = null)
    {
        var taskHub = "bench" + Guid.NewGuid().ToString("N")[..12];
        var watch = Stopwatch.StartNew();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(logs.Minimum);
        builder.Services
            .AddCxWorkflows(_ => Counted(connectionString, storage), r => r.AddOrchestrator<BenchSequence>().AddActivity<BenchAddOne>())
            .Configure(o =>
            {
                o.TaskHub = taskHub;
                o.DrainTimeout = TimeSpan.FromSeconds(5);
                configure(o);
            });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<WorkflowHost>().Started.WaitAsync(TimeSpan.FromSeconds(60));
        var started = watch.Elapsed;
        var options = host.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var reader = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            PartitionCount = options.PartitionCount,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        });
        return new WorkerRun(host, reader, taskHub, started);
    }

    /// <summary>Starts a sequence of <paramref name="steps"/> activities under the given id; the task completes at its signal.</summary>
    public async Task<Task> StartSequenceAsync(string instanceId, int steps, CancellationToken cancellation = default)
    {
        var done = CompletionSignals.Register(instanceId);
        await Client.ScheduleNewOrchestrationInstanceAsync(Sequence, steps, new StartOrchestrationOptions(instanceId), cancellation);
        return done;
    }

    /// <summary>
    /// Runs one sequence and waits until storage says it completed: the first one after a start also waits for the
    /// worker to take its partition leases.
    /// </summary>
    public async Task<TimeSpan> RunOneAsync(string instanceId, int steps, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var done = await StartSequenceAsync(instanceId, steps);
        try
        {
            await done.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            CompletionSignals.Forget(instanceId);
            var state = await Reader.GetInstanceAsync(instanceId);
            var status = state?.RuntimeStatus.ToString() ?? "unknown";
            throw new TimeoutException($"{instanceId} did not finish within {timeout.TotalSeconds:0} s; it is {status}.");
        }

        while (true)
        {
            var state = await Reader.GetInstanceAsync(instanceId);
            if (state is { IsCompleted: true })
            {
                return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? watch.Elapsed
                    : throw new InvalidOperationException($"{instanceId} ended {state.RuntimeStatus}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Counts the instances of this task hub in the given statuses.</summary>
    public async Task<int> CountAsync(params OrchestrationRuntimeStatus[] statuses)
    {
        var count = 0;
        await foreach (var _ in Reader.GetAllInstancesAsync(new OrchestrationQuery { Statuses = statuses, PageSize = 1000 }))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Stops the worker (graceful, bounded) and deletes the task hub through the uncounted service: requests stranded
    /// by an Azurite freeze hold the worker's storage throttle until their 100 s network timeout, and the row does not
    /// wait for them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        bool stopped;
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            var stopping = _host.StopAsync(limit.Token);
            stopped = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20))) == stopping;
            if (!stopped)
            {
                Console.Error.WriteLine($"Worker on task hub {TaskHub} did not stop within 20 s; deleting its task hub anyway.");
            }
        }

        try
        {
            await _readerService.DeleteAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"Could not delete task hub {TaskHub}: {ex.GetType().Name}: {ex.Message}");
        }

        _readerService.Dispose();
        if (stopped)
        {
            _host.Dispose();
        }
        else
        {
            // Its stranded requests end at their network timeout; the next row does not wait for that.
            _ = Task.Run(_host.Dispose);
        }
    }

    private static StorageAccountClientProvider Counted(string connectionString, Action<ClientOptions>? configure)
    {
        var blobs = new BlobClientOptions();
        var queues = new QueueClientOptions();
        var tables = new TableClientOptions();
        foreach (var options in new ClientOptions[] { blobs, queues, tables })
        {
            configure?.Invoke(options);
        }

        blobs.AddPolicy(new StorageOperationCounter("blob"), HttpPipelinePosition.PerRetry);
        queues.AddPolicy(new StorageOperationCounter("queue"), HttpPipelinePosition.PerRetry);
        tables.AddPolicy(new StorageOperationCounter("table"), HttpPipelinePosition.PerRetry);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connectionString, blobs),
            StorageServiceClientProvider.ForQueue(connectionString, queues),
            StorageServiceClientProvider.ForTable(connectionString, tables));
    }
}
