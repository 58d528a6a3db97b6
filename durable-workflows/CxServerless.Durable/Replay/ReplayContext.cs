using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxServerless.Durable.History;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace CxServerless.Durable.Replay;

/// <summary>
/// The context an orchestration runs on during one episode. It numbers every scheduled step, matches the numbers
/// against history while replaying, and collects the steps that are new in this episode.
/// </summary>
internal sealed class ReplayContext : OrchestrationContext
{
    private readonly Dictionary<int, PendingAction> _actions = [];
    private readonly LinkedList<HistoryEvent> _bufferedEvents = new();
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonSerializerOptions _json;
    private readonly int _generation;
    private int _nextSeq;
    private int _guidCounter;

    public ReplayContext(string instanceId, string name, int generation, JsonSerializerOptions json, ILogger logger)
    {
        InstanceId = instanceId;
        Name = name;
        _generation = generation;
        _json = json;
        Logger = new ReplaySafeLogger(logger, () => IsReplaying);
    }

    public override string InstanceId { get; }

    public override string Name { get; }

    public override bool IsReplaying => Replaying;

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public override ILogger Logger { get; }

    /// <summary>Set by the executor: true while past events are applied.</summary>
    public bool Replaying { get; set; }

    /// <summary>Set by the executor from each episode's start event.</summary>
    public DateTimeOffset Now { get; set; }

    public bool CustomStatusSet { get; private set; }

    public string? CustomStatus { get; private set; }

    public (string? Input, bool Preserve)? ContinueRequest { get; private set; }

    /// <summary>The steps scheduled so far, by sequence number.</summary>
    public IReadOnlyDictionary<int, PendingAction> Actions => _actions;

    /// <summary>External events that arrived but were not consumed, in arrival order.</summary>
    public IEnumerable<HistoryEvent> BufferedEvents => _bufferedEvents;

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = Serialize(input);
        var json = await WithRetryAsync(retry, _ => Schedule(new PendingAction(_nextSeq, ActionKind.Activity, name) { Input = inputJson }));
        return Deserialize<TResult>(json);
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, string? instanceId = null, RetryOptions? retry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var inputJson = Serialize(input);
        var json = await WithRetryAsync(retry, attempt =>
        {
            var childId = instanceId is null
                ? string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{_generation}:{_nextSeq}")
                : attempt == 1 ? instanceId : string.Create(CultureInfo.InvariantCulture, $"{instanceId}:retry{attempt}");
            KeyRules.Validate(childId, nameof(instanceId));
            return Schedule(new PendingAction(_nextSeq, ActionKind.SubWorkflow, name) { Input = inputJson, ChildInstanceId = childId });
        });
        return Deserialize<TResult>(json);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        var action = new PendingAction(_nextSeq, ActionKind.Timer, "timer") { FireAt = at };
        var task = Schedule(action);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => action.Completion.TrySetCanceled(cancellationToken));
        }

        return task;
    }

    public override Task<TEvent> WaitForExternalEvent<TEvent>(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TEvent>(cancellationToken);
        }

        for (var node = _bufferedEvents.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                _bufferedEvents.Remove(node);
                return Task.FromResult(Deserialize<TEvent>(node.Value.Payload));
            }
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(name, out var queue))
        {
            _waiters[name] = queue = new LinkedList<TaskCompletionSource<string?>>();
        }

        var entry = queue.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (entry.List is not null)
                {
                    queue.Remove(entry);
                }

                waiter.TrySetCanceled(cancellationToken);
            });
        }

        return TypedAsync<TEvent>(waiter.Task);
    }

    public override Guid NewGuid()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}|{_generation}|{_guidCounter++}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 style (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public override void SetCustomStatus(object? status)
    {
        CustomStatusSet = true;
        CustomStatus = Serialize(status);
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true) =>
        ContinueRequest = (Serialize(newInput), preserveUnprocessedEvents);

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    public void DeliverEvent(HistoryEvent raised)
    {
        if (raised.Name is not null && _waiters.TryGetValue(raised.Name, out var queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.TrySetResult(raised.Payload);
            return;
        }

        _bufferedEvents.AddLast(raised);
    }

    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _json);

    private T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json, _json)!;

    private async Task<T> TypedAsync<T>(Task<string?> json) => Deserialize<T>(await json);

    private Task<string?> Schedule(PendingAction action)
    {
        _actions.Add(action.Seq, action);
        _nextSeq++;
        return action.Completion.Task;
    }

    private async Task<string?> WithRetryAsync(RetryOptions? retry, Func<int, Task<string?>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n);
            }
            catch (WorkflowStepFailedException) when (retry is not null && n < retry.MaxAttempts)
            {
                await CreateTimer(CurrentUtcDateTime + retry.DelayAfter(n), CancellationToken.None);
            }
        }
    }
}
