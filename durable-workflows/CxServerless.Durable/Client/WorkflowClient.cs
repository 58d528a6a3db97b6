using System.Text.Json;
using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Client;

/// <summary>
/// Starts, signals, inspects, terminates and purges orchestration instances. It writes only what a client may: the new
/// instance's first row and messages; every later change is made by the engine.
/// </summary>
public sealed class WorkflowClient
{
    private readonly WorkflowBackend _backend;
    private readonly TimeProvider _time;

    internal WorkflowClient(WorkflowBackend backend, TimeProvider time)
    {
        _backend = backend;
        _time = time;
    }

    /// <summary>The table, queue and container names this client uses.</summary>
    public StorageNames Names => _backend.Names;

    /// <summary>Creates the task hub's tables, queues and container if they do not exist.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => _backend.EnsureCreatedOnceAsync().WaitAsync(cancellationToken);

    /// <summary>Deletes every table, queue and container of this task hub, with all instances (tests and tear-down only).</summary>
    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default) => _backend.DeleteAllAsync(cancellationToken);

    /// <summary>
    /// Starts orchestrator <paramref name="orchestratorName"/> as instance <paramref name="instanceId"/> (a new GUID when
    /// null). Idempotent: when the id already exists, whatever its status, nothing changes and <c>Created</c> is false
    /// (a still-pending instance gets its start message again, which heals a crash between create and send).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or the id is not a valid table key.</exception>
    public async Task<WorkflowStartResult> StartAsync(string orchestratorName, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        instanceId ??= Guid.NewGuid().ToString("N");
        KeyRules.Validate(instanceId, nameof(instanceId));
        var now = _time.GetUtcNow();
        var inputJson = Serialize(input);
        var state = new InstanceState
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            Status = WorkflowStatus.Pending,
            Input = inputJson,
            CreatedAt = now,
            LastUpdatedAt = now,
            EventCount = 1,
        };
        var started = new HistoryEvent { Kind = HistoryEventKind.WorkflowStarted, Timestamp = now, Name = orchestratorName, Payload = inputJson };
        var start = new WorkMessage { Kind = MessageKind.Start, InstanceId = instanceId };
        await _backend.EnsureCreatedOnceAsync().WaitAsync(cancellationToken);
        if (await _backend.History.TryCreateAsync(state, started, cancellationToken))
        {
            await _backend.Index.UpsertAsync(state, cancellationToken);
            await _backend.Sender.SendControlAsync(start, TimeSpan.Zero, cancellationToken);
            return new WorkflowStartResult(instanceId, true, WorkflowStatus.Pending);
        }

        var existing = await _backend.History.LoadAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException(instanceId);
        if (existing.State.Status == WorkflowStatus.Pending)
        {
            await _backend.Index.UpsertAsync(existing.State, cancellationToken);
            await _backend.Sender.SendControlAsync(start with { Generation = existing.State.Generation }, TimeSpan.Zero, cancellationToken);
        }

        return new WorkflowStartResult(instanceId, false, existing.State.Status);
    }

    /// <summary>
    /// Raises event <paramref name="eventName"/> on an instance. Events raised before the orchestration waits for them are
    /// buffered; events for a finished instance are ignored.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireExistsAsync(instanceId, cancellationToken);
        var message = new WorkMessage { Kind = MessageKind.EventRaised, InstanceId = instanceId, Name = eventName, Payload = Serialize(payload), EventId = Guid.NewGuid().ToString("N") };
        await _backend.Sender.SendControlAsync(message, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Asks the engine to terminate an instance (no effect once it is final).</summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    public async Task TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireExistsAsync(instanceId, cancellationToken);
        var message = new WorkMessage { Kind = MessageKind.Terminate, InstanceId = instanceId, Payload = Serialize(reason ?? "terminated") };
        await _backend.Sender.SendControlAsync(message, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>An instance's state, with its current history when <paramref name="includeHistory"/>; null when it does not exist.</summary>
    public async Task<WorkflowState?> GetStatusAsync(string instanceId, bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        if (KeyRules.Check(instanceId) is not null)
        {
            return null;
        }

        if (includeHistory)
        {
            var record = await _backend.History.LoadAsync(instanceId, cancellationToken);
            return record is null ? null : ToState(record.State) with { History = record.Events };
        }

        var row = await _backend.History.TryGetStateRowAsync(instanceId, cancellationToken);
        return row is null ? null : ToState(await EntityMapping.ReadStateAsync(row, _backend.Payloads, cancellationToken));
    }

    /// <summary>Polls until the instance is final or <paramref name="timeout"/> passes; returns the last state seen.</summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    public async Task<WorkflowState> WaitForCompletionAsync(string instanceId, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var state = await GetStatusAsync(instanceId, cancellationToken: cancellationToken) ?? throw new WorkflowNotFoundException(instanceId);
            if (state.IsFinal || deadline.IsCancellationRequested)
            {
                return state;
            }

            try
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: report the last state on the next loop.
            }
        }
    }

    /// <summary>Instances by status and creation time, from the instance index.</summary>
    public Task<IReadOnlyList<WorkflowSummary>> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _backend.Index.QueryAsync(query, cancellationToken);
    }

    /// <summary>Deletes a final instance's history, index row and payload blobs. False when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">The instance is not final (terminate it first).</exception>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await GetStatusAsync(instanceId, cancellationToken: cancellationToken);
        if (state is null)
        {
            return false;
        }

        if (!state.IsFinal)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {state.Status}; only final instances can be purged.");
        }

        var keys = await _backend.History.RowKeysAsync(instanceId, cancellationToken);
        await _backend.History.DeleteRowsAsync(instanceId, [.. keys.Where(k => k != HistoryStore.StateRowKey), HistoryStore.StateRowKey], cancellationToken);
        await _backend.Index.DeleteAsync(new InstanceState { InstanceId = instanceId, Name = state.Name, CreatedAt = state.CreatedAt }, cancellationToken);
        await _backend.Payloads.DeleteInstanceAsync(instanceId, cancellationToken);
        return true;
    }

    /// <summary>Purges every final instance that completed before <paramref name="completedBefore"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset completedBefore, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        foreach (var status in new[] { WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Terminated })
        {
            var found = await _backend.Index.QueryAsync(new WorkflowQuery(status, CreatedTo: completedBefore, Top: int.MaxValue), cancellationToken);
            foreach (var summary in found.Where(s => s.CompletedAt < completedBefore))
            {
                purged += await PurgeAsync(summary.InstanceId, cancellationToken) ? 1 : 0;
            }
        }

        return purged;
    }

    /// <summary>Rebuilds the instance index from the history table's state rows; returns how many rows were written.</summary>
    public async Task<int> RepairIndexAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var state in _backend.History.ScanStatesAsync(cancellationToken))
        {
            await _backend.Index.UpsertAsync(state, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task RequireExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        KeyRules.Validate(instanceId, nameof(instanceId));
        if (await _backend.History.TryGetStateRowAsync(instanceId, cancellationToken) is null)
        {
            throw new WorkflowNotFoundException(instanceId);
        }
    }

    private string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _backend.Options.SerializerOptions);

    private static WorkflowState ToState(InstanceState s) => new()
    {
        InstanceId = s.InstanceId,
        Name = s.Name,
        Status = s.Status,
        Input = s.Input,
        Output = s.Output,
        CustomStatus = s.CustomStatus,
        Failure = s.Failure,
        CreatedAt = s.CreatedAt,
        LastUpdatedAt = s.LastUpdatedAt,
        CompletedAt = s.CompletedAt,
        Generation = s.Generation,
        ParentInstanceId = s.ParentInstanceId,
    };
}
