using Azure;
using CxServerless.Durable.Client;
using CxServerless.Durable.Engine;
using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Replay;
using CxServerless.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxServerless.Durable.Tests.Replay;

/// <summary>
/// One instance driven through the engine's pure episode logic (classification, replay, commit building) with history
/// kept in memory: the rules of exactly-once history and replay, without storage.
/// </summary>
internal sealed class InMemoryInstance
{
    private readonly OrchestrationExecutor _executor;
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public InMemoryInstance(Action<IServiceCollection> register, string orchestrator, string? inputJson = null)
    {
        var services = new ServiceCollection();
        register(services);
        var provider = services.BuildServiceProvider();
        var registry = new WorkflowRegistry(provider.GetServices<OrchestratorRegistration>(), provider.GetServices<ActivityRegistration>());
        _executor = new OrchestrationExecutor(registry, provider, new DurableOptions(), NullLoggerFactory.Instance);
        var state = new InstanceState { InstanceId = "mem-1", Name = orchestrator, Status = WorkflowStatus.Pending, Input = inputJson, CreatedAt = _now, LastUpdatedAt = _now, EventCount = 1 };
        Record = new InstanceRecord(state, ETag.All, [new HistoryEvent { Kind = HistoryEventKind.WorkflowStarted, Timestamp = _now, Name = orchestrator, Payload = inputJson }], []);
    }

    public InstanceRecord Record { get; private set; }

    public InstanceState State => Record.State;

    public EpisodePlan? LastPlan { get; private set; }

    /// <summary>Applies messages as one episode; returns the commit, or null when there was nothing to apply.</summary>
    public EpisodeCommit? Deliver(params WorkMessage[] messages)
    {
        _now = _now.AddSeconds(1);
        LastPlan = EpisodePlan.Classify(Record, messages, _now);
        if (!LastPlan.HasWork)
        {
            return null;
        }

        var commit = EpisodeBuilder.Build(_executor, Record, LastPlan, _now);
        var events = commit.State.Generation == State.Generation ? Record.Events.Concat(commit.Events).ToList() : [.. commit.Events];
        Record = new InstanceRecord(commit.State, ETag.All, events, []);
        return commit;
    }

    public WorkMessage Start() => new() { Kind = MessageKind.Start, InstanceId = "mem-1", Generation = State.Generation };

    public WorkMessage Completed(int seq, string json) => new() { Kind = MessageKind.ActivityCompleted, InstanceId = "mem-1", Generation = State.Generation, Seq = seq, Payload = json };

    public WorkMessage Failed(int seq) => new() { Kind = MessageKind.ActivityFailed, InstanceId = "mem-1", Generation = State.Generation, Seq = seq, Failure = new Orchestration.WorkflowFailure("Boom", "it broke") };

    public WorkMessage Fired(int seq) => new() { Kind = MessageKind.TimerFired, InstanceId = "mem-1", Generation = State.Generation, Seq = seq };

    public static WorkMessage Event(string name, string json, string id) => new() { Kind = MessageKind.EventRaised, InstanceId = "mem-1", Name = name, Payload = json, EventId = id };
}
