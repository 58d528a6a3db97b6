using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// The orchestration service the worker runs on: the Azure Storage provider, except that finishing an activity's work
/// item (completing or abandoning it) is retried while storage does not answer, instead of being given up after one try.
/// </summary>
/// <remarks>
/// <para>
/// DurableTask.AzureStorage 2.11.3 keeps each running activity's work item in an in-memory map keyed by its queue
/// message id, and removes it only after the completion or abandonment reached storage. When an activity finishes
/// during a storage outage, both calls fail, the entry stays, and every later delivery of that message is refused as
/// "processed multiple times concurrently" until the process restarts: the workflow waits forever
/// (Azure/durabletask#1173).
/// </para>
/// <para>
/// Retrying the same call until storage answers again closes that gap without touching the provider's internals: the
/// completion sends the result and deletes the message; if the message came round again meanwhile its pop receipt no
/// longer matches, the provider treats the delete's 404 as "already gone" and removes the entry, and the redelivered
/// copy runs the activity once more (activities are at-least-once and idempotent, see docs/workflows.md). Retries stop
/// when the worker stops; a new process starts with an empty map.
/// </para>
/// </remarks>
internal sealed partial class ActivityOutageGuard : IOrchestrationService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(15);

    private readonly IOrchestrationService _inner;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    /// <summary>Initializes the guard.</summary>
    /// <param name="inner">The provider.</param>
    /// <param name="logger">Where retries are logged (work item ids only).</param>
    /// <param name="stopping">Cancelled when the host stops: retries end then.</param>
    public ActivityOutageGuard(IOrchestrationService inner, ILogger logger, CancellationToken stopping)
    {
        _inner = inner;
        _logger = logger;
        _stopping = stopping;
    }

    /// <inheritdoc />
    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    /// <inheritdoc />
    public int MaxConcurrentTaskOrchestrationWorkItems => _inner.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc />
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    /// <inheritdoc />
    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    /// <inheritdoc />
    public int MaxConcurrentTaskActivityWorkItems => _inner.MaxConcurrentTaskActivityWorkItems;

    /// <inheritdoc />
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        RetryWhileStorageFailsAsync(() => _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage), workItem, "complete");

    /// <inheritdoc />
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        RetryWhileStorageFailsAsync(() => _inner.AbandonTaskActivityWorkItemAsync(workItem), workItem, "abandon");

    /// <inheritdoc />
    public Task StartAsync() => _inner.StartAsync();

    /// <inheritdoc />
    public Task StopAsync() => _inner.StopAsync();

    /// <inheritdoc />
    public Task StopAsync(bool isForced) => _inner.StopAsync(isForced);

    /// <inheritdoc />
    public Task CreateAsync() => _inner.CreateAsync();

    /// <inheritdoc />
    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    /// <inheritdoc />
    public Task DeleteAsync() => _inner.DeleteAsync();

    /// <inheritdoc />
    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    /// <inheritdoc />
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _inner.GetDelayInSecondsAfterOnFetchException(exception);

    /// <inheritdoc />
    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(
        TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    /// <inheritdoc />
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    /// <inheritdoc />
    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage,
            orchestrationState);

    /// <inheritdoc />
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        _inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc />
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    private async Task RetryWhileStorageFailsAsync(Func<Task> call, TaskActivityWorkItem workItem, string action)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                if (attempt > 1)
                {
                    LogRecovered(_logger, action, workItem.Id, attempt);
                }

                return;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested && ex is not OperationCanceledException)
            {
                // Any failure here is storage not answering or refusing: the activity's own exceptions never reach
                // this call (the dispatcher turns them into a TaskFailed response first).
                LogRetrying(_logger, action, workItem.Id, attempt, ex.GetType().Name, delay);
            }

            try
            {
                await Task.Delay(delay, _stopping);
            }
            catch (OperationCanceledException)
            {
                // The worker stops: leave the work item to its visibility timeout; the next process runs it again.
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
        }
    }

    [LoggerMessage(
        EventId = 9410,
        Level = LogLevel.Warning,
        Message = "Could not {Action} activity work item {WorkItemId} (attempt {Attempt}, {Error}); " +
            "storage may be down, retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, string action, string workItemId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 9411, Level = LogLevel.Information,
        Message = "Activity work item {WorkItemId}: {Action} went through on attempt {Attempt}.")]
    private static partial void LogRecovered(ILogger logger, string action, string workItemId, int attempt);
}
