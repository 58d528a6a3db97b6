using Microsoft.Extensions.Logging;

namespace CxServerless.Durable.Orchestration;

/// <summary>
/// What an orchestration can do. Every operation is recorded in history and replayed on the next episode, so the
/// orchestration sees the same results in the same order every time. Await only the tasks this context returns (and
/// <see cref="Task.WhenAll(Task[])"/> / <see cref="Task.WhenAny(Task[])"/> over them).
/// </summary>
public abstract class OrchestrationContext
{
    /// <summary>The instance id the orchestration was started with.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The registered orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>True while the orchestration is re-executing steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The time the current episode started (UTC); the same value on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>A logger that writes only when the orchestration is not replaying, so each line appears once.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>Schedules activity <paramref name="name"/> with <paramref name="input"/> and returns its result.</summary>
    /// <exception cref="ActivityFailedException">The activity failed on its last attempt.</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryOptions? retry = null);

    /// <summary>Schedules activity <paramref name="name"/> and waits for it, ignoring any result.</summary>
    /// <exception cref="ActivityFailedException">The activity failed on its last attempt.</exception>
    public Task CallActivityAsync(string name, object? input = null, RetryOptions? retry = null) =>
        CallActivityAsync<object?>(name, input, retry);

    /// <summary>
    /// A durable timer that completes at <paramref name="fireAt"/> (UTC). When <paramref name="cancellationToken"/> is
    /// cancelled first, the task is cancelled and the timer is never delivered to the orchestration.
    /// </summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the next external event called <paramref name="name"/>. Events raised before the wait are buffered and
    /// delivered in the order they were raised. Cancelling <paramref name="cancellationToken"/> stops the wait without
    /// consuming an event.
    /// </summary>
    public abstract Task<TEvent> WaitForExternalEvent<TEvent>(string name, CancellationToken cancellationToken = default);

    /// <summary>Starts orchestrator <paramref name="name"/> as a child instance and returns its result.</summary>
    /// <param name="name">The registered orchestrator name.</param>
    /// <param name="input">The child's input.</param>
    /// <param name="instanceId">The child's instance id; by default one derived from this instance deterministically.</param>
    /// <param name="retry">Optional retry options (each attempt is a new child instance).</param>
    /// <exception cref="SubWorkflowFailedException">The child failed or was terminated.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, string? instanceId = null, RetryOptions? retry = null);

    /// <summary>A new GUID that is the same on every replay (name-based, from the instance id and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Sets the custom status shown by the client's status queries (JSON-serialized; null clears it).</summary>
    public abstract void SetCustomStatus(object? status);

    /// <summary>
    /// Restarts the orchestration with <paramref name="newInput"/> and an empty history once the current run returns.
    /// External events not yet consumed are carried over when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);
}
