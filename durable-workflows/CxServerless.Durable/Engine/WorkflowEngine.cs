using System.Diagnostics;
using Azure;
using Azure.Storage.Queues.Models;
using CxServerless.Durable.Client;
using CxServerless.Durable.Diagnostics;
using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Replay;
using CxServerless.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace CxServerless.Durable.Engine;

/// <summary>
/// Processes engine messages, one at a time (a queue-triggered function) or grouped by instance (the in-process
/// worker). A control message runs one episode: load history, replay, commit the new events with the state row
/// (ETag-guarded; a conflict reloads and replays in-process), send the new messages, and let the caller delete the
/// message. An activity message runs the activity and sends its result.
/// </summary>
public sealed partial class WorkflowEngine
{
    private readonly WorkflowBackend _backend;
    private readonly OrchestrationExecutor _executor;
    private readonly ActivityRunner _activities;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal WorkflowEngine(WorkflowBackend backend, WorkflowRegistry registry, IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IEngineFaults faults)
    {
        _backend = backend;
        _activities = new ActivityRunner(registry, services, backend);
        _time = time;
        _logger = loggers.CreateLogger<WorkflowEngine>();
        _executor = new OrchestrationExecutor(registry, services, backend.Options, loggers);
        Faults = faults;
    }

    internal IEngineFaults Faults { get; }

    internal WorkflowBackend Backend => _backend;

    /// <summary>
    /// Processes one control-queue message delivered for the <paramref name="dequeueCount"/>-th time. On the last
    /// allowed delivery (<see cref="DurableOptions.MaxDequeueCount"/>) an error fails the instance with the reason
    /// instead of throwing, so a poison message never leaves an instance hanging.
    /// </summary>
    /// <returns>Whether the message is done (delete it) or was rejected as malformed (leave it for the poison queue).</returns>
    public async Task<WorkItemResult> ProcessControlMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = WorkMessage.TryParse(messageText, out var error);
        return message is null
            ? WorkItemResult.Rejected(error!)
            : await ProcessControlBatchAsync(message.InstanceId, [message], dequeueCount, cancellationToken);
    }

    /// <summary>
    /// Processes one activity-queue message: runs the activity (at least once per message) and sends its result or
    /// failure to the instance. On the last allowed delivery the activity is not run again; its failure is reported.
    /// </summary>
    public async Task<WorkItemResult> ProcessActivityMessageAsync(string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = WorkMessage.TryParse(messageText, out var error);
        if (message is null || message.Kind != MessageKind.ActivityRequest || message.Name is null)
        {
            return WorkItemResult.Rejected(error ?? "Not an activity request.");
        }

        await _backend.EnsureCreatedOnceAsync().WaitAsync(cancellationToken);
        WorkMessage result;
        if (dequeueCount >= _backend.Options.MaxDequeueCount)
        {
            DurableTelemetry.Poisoned.Add(1);
            result = ActivityRunner.Result(message, null, new WorkflowFailure("Poison", $"The activity message was delivered {dequeueCount} times without completing; it is not run again."));
        }
        else
        {
            var (output, failure) = await _activities.RunAsync(message, cancellationToken);
            result = ActivityRunner.Result(message, output, failure);
        }

        await _backend.Sender.SendControlAsync(result, TimeSpan.Zero, cancellationToken);
        return WorkItemResult.Done($"activity {message.Name} ({result.Kind})");
    }

    /// <summary>
    /// Settles messages that ended in a poison queue (<c>{queue}-poison</c>, where the Functions host moves a message whose
    /// invocation failed <c>maxDequeueCount</c> times, for example because the process crashed on its last delivery):
    /// the instance of a control message is failed with the reason, and an activity request is reported to its
    /// orchestration as a Poison failure. Messages that are not engine messages stay for inspection.
    /// </summary>
    /// <returns>How many poison messages were settled.</returns>
    public async Task<int> SweepPoisonQueuesAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var queue in _backend.AllQueues())
        {
            var poison = _backend.PoisonQueueOf(queue);
            QueueMessage[] batch;
            try
            {
                batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromHours(1), cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                continue; // No poison queue: nothing was ever poisoned.
            }

            foreach (var raw in batch)
            {
                if (WorkMessage.TryParse(raw.MessageText, out _) is not { } message)
                {
                    continue; // Not attributable to an instance: it stays, invisible for an hour at a time.
                }

                try
                {
                    await SettlePoisonAsync(message, raw.DequeueCount, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One unsettleable message must not stop the sweep; it is tried again when it becomes visible.
                    LogSweepFailed(_logger, message.InstanceId, ex.GetType().Name);
                    continue;
                }

                await poison.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken);
                settled++;
            }
        }

        return settled;
    }

    private async Task SettlePoisonAsync(WorkMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        DurableTelemetry.Poisoned.Add(1);
        LogPoison(_logger, message.InstanceId, dequeueCount, "moved to poison queue");
        var reason = $"A {message.Kind} message was moved to the poison queue after failing every delivery.";
        if (message.Kind == MessageKind.ActivityRequest)
        {
            await _backend.Sender.SendControlAsync(ActivityRunner.Result(message, null, new WorkflowFailure("Poison", reason)), TimeSpan.Zero, cancellationToken);
        }
        else
        {
            await FailInstanceAsync(message.InstanceId, new WorkflowFailure("Poison", reason), cancellationToken);
        }
    }

    /// <summary>Processes control messages of one instance in one episode (the worker groups a batch by instance).</summary>
    internal async Task<WorkItemResult> ProcessControlBatchAsync(string instanceId, IReadOnlyList<WorkMessage> messages, long maxDequeueCount, CancellationToken cancellationToken)
    {
        await _backend.EnsureCreatedOnceAsync().WaitAsync(cancellationToken);
        try
        {
            return await RunEpisodeAsync(instanceId, messages, cancellationToken);
        }
        catch (Exception ex) when (maxDequeueCount >= _backend.Options.MaxDequeueCount && ex is not OperationCanceledException)
        {
            LogPoison(_logger, instanceId, maxDequeueCount, ex.GetType().Name);
            DurableTelemetry.Poisoned.Add(1);
            var reason = $"A {messages[0].Kind} message could not be processed after {maxDequeueCount} deliveries: {ex.GetType().Name}: {ex.Message}";
            await FailInstanceAsync(instanceId, new WorkflowFailure("Poison", reason), cancellationToken);
            return WorkItemResult.Done("instance failed: poison message");
        }
    }

    /// <summary>Fails an instance directly (poison handling), unless it already finished.</summary>
    internal async Task FailInstanceAsync(string instanceId, WorkflowFailure failure, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            InstanceRecord? record;
            try
            {
                record = await _backend.History.LoadAsync(instanceId, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                await FailUnreadableInstanceAsync(instanceId, failure with { Details = ex.Message }, cancellationToken);
                return;
            }

            if (record is null || record.State.IsTerminal)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var episode = record.State.Episode + 1;
            var failed = new HistoryEvent { Kind = HistoryEventKind.WorkflowFailed, Index = record.Events.Count, Episode = episode, Timestamp = now, Failure = failure };
            var state = record.State with
            {
                Status = WorkflowStatus.Failed,
                Failure = failure,
                Episode = episode,
                EventCount = record.Events.Count + 1,
                LastUpdatedAt = now,
                CompletedAt = now,
            };
            try
            {
                await _backend.History.CommitAsync(record, state, [failed], cancellationToken);
            }
            catch (WorkflowConflictException) when (attempt < _backend.Options.MaxConflictRetries)
            {
                continue;
            }

            await SendAsync(Outbox.For(state, [failed]), now, cancellationToken);
            await _backend.Index.UpsertAsync(state, cancellationToken);
            return;
        }
    }

    /// <summary>History that cannot be read (rows missing) still ends Failed: the state row alone is updated.</summary>
    private async Task FailUnreadableInstanceAsync(string instanceId, WorkflowFailure failure, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var state = await _backend.History.MarkFailedAsync(instanceId, failure, now, cancellationToken);
        if (state is not null)
        {
            var failed = new HistoryEvent { Kind = HistoryEventKind.WorkflowFailed, Timestamp = now, Failure = failure };
            await SendAsync(Outbox.For(state, [failed]), now, cancellationToken);
            await _backend.Index.UpsertAsync(state, cancellationToken);
        }
    }

    private async Task<WorkItemResult> RunEpisodeAsync(string instanceId, IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        using var span = DurableTelemetry.Source.StartActivity("workflow.episode", ActivityKind.Internal);
        span?.SetTag("workflow.instance_id", instanceId);
        span?.SetTag("workflow.messages", messages.Count);
        var live = await HopEarlyTimersAsync(messages, cancellationToken);
        if (live.Count == 0)
        {
            return WorkItemResult.Done("timer hop");
        }

        live = await ResolvePayloadsAsync(live, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            var record = await _backend.History.LoadAsync(instanceId, cancellationToken);
            if (record is null)
            {
                return WorkItemResult.Done("dropped: instance not found");
            }

            var plan = EpisodePlan.Classify(record, live, now);
            if (!plan.HasWork)
            {
                DurableTelemetry.Duplicates.Add(plan.DuplicateEpisodes.Count);
                await HealAsync(record, plan.DuplicateEpisodes, now, cancellationToken);
                return WorkItemResult.Done(plan.DuplicateEpisodes.Count > 0 ? "duplicate" : "dropped");
            }

            var commit = EpisodeBuilder.Build(_executor, record, plan, now);
            Faults.At(FaultPoint.BeforeCommit, instanceId);
            try
            {
                await _backend.History.CommitAsync(record, commit.State, commit.Events, cancellationToken);
            }
            catch (WorkflowConflictException) when (attempt < _backend.Options.MaxConflictRetries)
            {
                DurableTelemetry.Conflicts.Add(1);
                span?.AddEvent(new ActivityEvent("etag-conflict"));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);
                continue;
            }

            DurableTelemetry.Episodes.Add(1);
            span?.SetTag("workflow.status", commit.State.Status.ToString());
            Faults.At(FaultPoint.AfterCommitBeforeSend, instanceId);
            await SendAsync(commit.Outgoing, now, cancellationToken);
            if (plan.DuplicateEpisodes.Count > 0)
            {
                await HealAsync(record, plan.DuplicateEpisodes, now, cancellationToken);
            }

            if (commit.State.Status != record.State.Status || commit.State.Generation != record.State.Generation)
            {
                await _backend.Index.UpsertAsync(commit.State, cancellationToken);
            }

            await DeleteStaleRowsAsync(record, commit.State, cancellationToken);
            return WorkItemResult.Done($"episode {commit.State.Episode}: {commit.State.Status}");
        }
    }

    private async Task<List<WorkMessage>> HopEarlyTimersAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var live = new List<WorkMessage>(messages.Count);
        foreach (var m in messages)
        {
            if (m.Kind == MessageKind.TimerFired && m.FireAt > now)
            {
                await _backend.Sender.SendControlAsync(m, m.FireAt.Value - now, cancellationToken);
            }
            else
            {
                live.Add(m);
            }
        }

        return live;
    }

    private async Task<List<WorkMessage>> ResolvePayloadsAsync(List<WorkMessage> messages, CancellationToken cancellationToken)
    {
        var resolved = new List<WorkMessage>(messages.Count);
        foreach (var m in messages)
        {
            resolved.Add(m.PayloadBlob is null ? m : m with { Payload = await _backend.Sender.ReadPayloadAsync(m, cancellationToken), PayloadBlob = null });
        }

        return resolved;
    }

    private async Task HealAsync(InstanceRecord record, IEnumerable<int> episodes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outgoing = new List<Outgoing>();
        foreach (var episode in episodes)
        {
            outgoing.AddRange(Outbox.For(record.State, record.Events.Where(e => e.Episode == episode)));
        }

        if (!record.State.IsTerminal && !record.Events.Any(e => e.Kind == HistoryEventKind.EpisodeStarted))
        {
            outgoing.Add(new Outgoing(new WorkMessage { Kind = MessageKind.Start, InstanceId = record.State.InstanceId, Generation = record.State.Generation }, ToActivityQueue: false));
        }

        await SendAsync(outgoing, now, cancellationToken);
        await _backend.Index.UpsertAsync(record.State, cancellationToken);
    }

    private async Task SendAsync(IReadOnlyList<Outgoing> outgoing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var o in outgoing)
        {
            if (o.ChildToCreate is { } child)
            {
                var started = new HistoryEvent { Kind = HistoryEventKind.WorkflowStarted, Index = 0, Episode = 0, Timestamp = child.CreatedAt, Name = child.Name, Payload = child.Input };
                if (await _backend.History.TryCreateAsync(child, started, cancellationToken))
                {
                    await _backend.Index.UpsertAsync(child, cancellationToken);
                }
            }

            if (o.ToActivityQueue)
            {
                await _backend.Sender.SendActivityAsync(o.Message, cancellationToken);
            }
            else
            {
                await _backend.Sender.SendControlAsync(o.Message, o.FireAt is { } at ? at - now : TimeSpan.Zero, cancellationToken);
            }
        }
    }

    private async Task DeleteStaleRowsAsync(InstanceRecord record, InstanceState committed, CancellationToken cancellationToken)
    {
        var stale = record.StaleRowKeys.ToList();
        if (committed.Generation != record.State.Generation)
        {
            stale.AddRange(record.Events.Select(e => HistoryStore.EventRowKey(record.State.Generation, e.Index)));
        }

        if (stale.Count > 0)
        {
            await _backend.History.DeleteRowsAsync(record.State.InstanceId, stale, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A poison message of instance {InstanceId} could not be settled ({ErrorType}); it stays in the poison queue.")]
    private static partial void LogSweepFailed(ILogger logger, string instanceId, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId} failed: a message was poison after {DequeueCount} deliveries ({ErrorType}).")]
    private static partial void LogPoison(ILogger logger, string instanceId, long dequeueCount, string errorType);
}
