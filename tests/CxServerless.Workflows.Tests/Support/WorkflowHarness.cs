using CxServerless.Workflows.Client;
using CxServerless.Workflows.Hosting;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>
/// A process-local host of the Durable Task Framework on real Azurite, built with the same
/// <see cref="WorkflowServiceCollectionExtensions.AddCxWorkflows"/> the handler uses, on a task hub of its own.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowHarness(IHost host, string taskHub)
    {
        _host = host;
        TaskHub = taskHub;
    }

    /// <summary>The task hub name, unique to this harness.</summary>
    public string TaskHub { get; }

    /// <summary>The client, as the handler's functions get it.</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The concrete client, for the history reads the SDK surface lacks.</summary>
    public AzureStorageDurableTaskClient StorageClient => _host.Services.GetRequiredService<AzureStorageDurableTaskClient>();

    /// <summary>The services, for probes registered by a test.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts a worker on a new task hub (or the given one) and waits until it runs; with <paramref name="startWorker"/>
    /// false, only the client is there (workers run in other processes).
    /// </summary>
    public static async Task<WorkflowHarness> StartAsync(
        string connectionString,
        Action<WorkflowRegistry> register,
        Action<WorkflowOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        string? taskHub = null,
        bool startWorker = true)
    {
        taskHub ??= NewTaskHubName();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services.AddCxWorkflows(_ => new StorageAccountClientProvider(connectionString), register).Configure(o =>
        {
            o.TaskHub = taskHub;
            o.PartitionCount = 2;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500);
            o.DrainTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });
        var host = builder.Build();
        if (startWorker)
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<WorkflowHost>().Started.WaitAsync(TimeSpan.FromSeconds(60));
        }

        return new WorkflowHarness(host, taskHub);
    }

    /// <summary>A task hub name unique to one test: letters and digits, starting with a letter.</summary>
    public static string NewTaskHubName() => "t" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Waits for an instance to finish, failing the test after the given time.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException(
                $"Instance {instanceId} did not finish in {seconds} s; it is {state?.RuntimeStatus.ToString() ?? "unknown"}.");
        }
    }

    /// <summary>Reads the history of an instance's current execution.</summary>
    public async Task<WorkflowHistory> HistoryAsync(string instanceId) =>
        WorkflowHistory.Parse(await StorageClient.GetHistoryJsonAsync(instanceId));

    /// <summary>Waits until an instance's custom status is the given value (the orchestrator sets it before it waits).</summary>
    public Task<OrchestrationMetadata> WaitForCustomStatusAsync(string instanceId, string status, int seconds = 60) =>
        WaitForStateAsync(instanceId, s => s.ReadCustomStatusAs<string>() == status, $"custom status '{status}'", seconds);

    /// <summary>Waits until an instance's state satisfies a condition, failing the test after the given time.</summary>
    public async Task<OrchestrationMetadata> WaitForStateAsync(
        string instanceId, Func<OrchestrationMetadata, bool> condition, string what, int seconds = 60)
    {
        OrchestrationMetadata? state = null;
        await Eventually.UntilAsync(
            async () => (state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true)) is { } s && condition(s),
            TimeSpan.FromSeconds(seconds),
            () => $"Instance {instanceId} did not reach {what} in {seconds} s; it is {state?.RuntimeStatus.ToString() ?? "unknown"}" +
                $" with custom status {state?.SerializedCustomStatus ?? "none"}.");
        return state!;
    }

    /// <summary>Waits until an instance's history satisfies a condition, failing the test after the given time.</summary>
    public async Task<WorkflowHistory> WaitForHistoryAsync(
        string instanceId, Func<WorkflowHistory, bool> condition, string what, int seconds = 60)
    {
        WorkflowHistory? history = null;
        await Eventually.UntilAsync(
            async () => condition(history = await HistoryAsync(instanceId)),
            TimeSpan.FromSeconds(seconds),
            () => $"The history of {instanceId} did not show {what} in {seconds} s ({history?.Events.Count ?? 0} events).");
        return history!;
    }

    /// <summary>Stops the worker and deletes the task hub's storage.</summary>
    public async ValueTask DisposeAsync()
    {
        var service = _host.Services.GetRequiredService<AzureStorageOrchestrationService>();
        await _host.StopAsync();
        try
        {
            await service.DeleteAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Cleaning up is best effort; each test has its own task hub anyway.
        }

        _host.Dispose();
    }
}
