using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// Hosts the Durable Task Framework in this process: a DurableTask.Core <see cref="TaskHubWorker"/> over the
/// Azure Storage provider, started and stopped with the process.
/// </summary>
/// <remarks>
/// Start-up never blocks the process: once the host has started, the worker is built, the task hub created and the
/// worker started in the background, retrying with backoff while storage does not answer, so the handler answers its
/// readiness probe at once. Stopping drains:
/// the worker finishes the episodes and activities in hand (up to <see cref="WorkflowOptions.DrainTimeout"/>) and
/// releases its partition leases, so another instance takes them over without waiting for the leases to expire.
/// </remarks>
public sealed partial class WorkflowHost : IHostedService, IAsyncDisposable
{
    private readonly WorkflowOptions _options;
    private readonly WorkflowRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stopGate = new();
    private TaskHubWorker? _worker;
    private Task _starting = Task.CompletedTask;
    private Task? _stop;
    private int _stopped;

    /// <summary>
    /// Initializes the host. It only keeps its arguments: the framework's worker, the storage provider and the shims
    /// are built by the background start, so the process answers its readiness probe without paying for them.
    /// </summary>
    /// <param name="registry">The orchestrators and activities to run.</param>
    /// <param name="services">
    /// The services the storage provider (<see cref="AzureStorageOrchestrationService"/>, shared with the client) and the
    /// activities are taken from.
    /// </param>
    /// <param name="options">The task hub settings.</param>
    /// <param name="loggerFactory">The logger factory for the framework and the shims.</param>
    public WorkflowHost(
        WorkflowRegistry registry,
        IServiceProvider services,
        IOptions<WorkflowOptions> options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _registry = registry;
        _services = services;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<WorkflowHost>();
    }

    /// <summary>Gets a task that completes once the task hub exists and the worker is running.</summary>
    public Task Started => _started.Task;

    /// <summary>Gets whether the worker is running.</summary>
    public bool IsRunning => _started.Task.IsCompletedSuccessfully && Volatile.Read(ref _stopped) == 0;

    /// <summary>Starts creating the task hub and the worker in the background and returns at once.</summary>
    /// <param name="cancellationToken">Not used: start-up goes on in the background until the host stops.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Once the host has started (in the handler: Kestrel listens), so that building the framework's worker never
        // competes with the start-up the readiness probe waits for.
        if (_services.GetService<IHostApplicationLifetime>() is { } lifetime)
        {
            lifetime.ApplicationStarted.Register(
                () => _starting = Task.Run(() => StartWorkerAsync(_stopping.Token), CancellationToken.None));
        }
        else
        {
            _starting = Task.Run(() => StartWorkerAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the worker gracefully: work in hand finishes, partition leases are released. The host and
    /// <see cref="DisposeAsync"/> may both call it, in either order or at once: every call returns the one stop, so
    /// disposal never pulls the cancellation source from under a stop in flight.
    /// </summary>
    /// <param name="cancellationToken">
    /// Cancelled when the host will wait no longer; the worker then stops at once. The first call's token governs.
    /// </param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stop ??= StopWorkerAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    private async Task StopWorkerAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopped, 1);
        await _stopping.CancelAsync();

        // A start attempt in flight against unreachable storage may take a while; it stops the worker itself if it wins.
        if (await Task.WhenAny(_starting, Task.Delay(_options.DrainTimeout, cancellationToken)) != _starting
            || !_started.Task.IsCompletedSuccessfully)
        {
            return;
        }

        var worker = _worker!;
        var graceful = worker.StopAsync(isForced: false);
        var limit = Task.Delay(_options.DrainTimeout, cancellationToken);
        if (await Task.WhenAny(graceful, limit) != graceful)
        {
            LogDrainTimedOut(_logger, _options.DrainTimeout);
            await worker.StopAsync(isForced: true);
        }
        else
        {
            await graceful;
        }

        LogStopped(_logger, _options.TaskHub);
    }

    private async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var worker = _worker ??= BuildWorker();
                await _services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
                await worker.StartAsync();
                if (cancellationToken.IsCancellationRequested)
                {
                    // Stopped while starting: StopAsync did not wait for this attempt, so stop here.
                    await worker.StopAsync(isForced: true);
                    break;
                }

                LogStarted(_logger, _options.TaskHub, _options.PartitionCount);
                _started.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage may not answer yet (a cold Azurite, a network blip); the process keeps serving meanwhile.
                LogStartFailed(_logger, attempt, ex.GetType().Name, delay);
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }

        _started.TrySetCanceled(CancellationToken.None);
    }

    private TaskHubWorker BuildWorker()
    {
        var service = _services.GetRequiredService<AzureStorageOrchestrationService>();
        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions
            {
                MaximumTimerInterval = _options.MaximumTimerInterval,
                DataConverter = WorkflowSerialization.Converter
            },
            _loggerFactory);
        var worker = new TaskHubWorker(new ActivityOutageGuard(service, _logger, _stopping.Token), _loggerFactory)
        {
            // The SDK's TaskFailedException carries FailureDetails; the framework fills them only in this mode.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddTaskOrchestrations([.. _registry.Orchestrators.Select(o => new ShimOrchestrationCreator(o.Key, o.Value, shims))]);
        worker.AddTaskActivities([.. _registry.Activities.Select(a => new ShimActivityCreator(a.Key, a.Value, _services, shims))]);
        WorkflowMetrics.AddTo(worker);
        return worker;
    }

    [LoggerMessage(
        EventId = 3001,
        Level = LogLevel.Information,
        Message = "Durable Task worker started on task hub {TaskHub} ({Partitions} partitions)")]
    private static partial void LogStarted(ILogger logger, string taskHub, int partitions);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Durable Task worker could not start (attempt {Attempt}, {ErrorType}); retrying in {Delay}")]
    private static partial void LogStartFailed(ILogger logger, int attempt, string errorType, TimeSpan delay);

    [LoggerMessage(
        EventId = 3003,
        Level = LogLevel.Warning,
        Message = "Durable Task worker did not drain within {Timeout}; stopping it at once")]
    private static partial void LogDrainTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Durable Task worker stopped on task hub {TaskHub}")]
    private static partial void LogStopped(ILogger logger, string taskHub);
}
