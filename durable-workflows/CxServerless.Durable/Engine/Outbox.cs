using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Engine;

/// <summary>
/// Derives the messages an episode must send from the events it recorded. Because it reads only history, the same
/// messages can be derived again when a redelivered message shows that an episode's sends may have been lost.
/// </summary>
internal static class Outbox
{
    public static List<Outgoing> For(InstanceState state, IEnumerable<HistoryEvent> episodeEvents)
    {
        var outgoing = new List<Outgoing>();
        foreach (var e in episodeEvents)
        {
            if (ToMessage(state, e) is { } message)
            {
                outgoing.Add(message);
            }
        }

        return outgoing;
    }

    private static Outgoing? ToMessage(InstanceState state, HistoryEvent e) => e.Kind switch
    {
        HistoryEventKind.ActivityScheduled => new Outgoing(
            new WorkMessage { Kind = MessageKind.ActivityRequest, InstanceId = state.InstanceId, Generation = state.Generation, Seq = e.Seq ?? 0, Name = e.Name, Payload = e.Payload },
            ToActivityQueue: true),
        HistoryEventKind.TimerCreated => new Outgoing(
            new WorkMessage { Kind = MessageKind.TimerFired, InstanceId = state.InstanceId, Generation = state.Generation, Seq = e.Seq ?? 0, FireAt = e.FireAt },
            ToActivityQueue: false,
            FireAt: e.FireAt),
        HistoryEventKind.SubWorkflowScheduled => new Outgoing(
            new WorkMessage { Kind = MessageKind.Start, InstanceId = e.ChildInstanceId!, Generation = 0 },
            ToActivityQueue: false,
            ChildToCreate: new InstanceState
            {
                InstanceId = e.ChildInstanceId!,
                Name = e.Name!,
                Status = WorkflowStatus.Pending,
                Input = e.Payload,
                CreatedAt = e.Timestamp,
                LastUpdatedAt = e.Timestamp,
                EventCount = 1,
                ParentInstanceId = state.InstanceId,
                ParentGeneration = state.Generation,
                ParentSeq = e.Seq ?? 0,
            }),
        HistoryEventKind.WorkflowStarted when state.Generation > 0 => new Outgoing(
            new WorkMessage { Kind = MessageKind.Start, InstanceId = state.InstanceId, Generation = state.Generation },
            ToActivityQueue: false),
        HistoryEventKind.WorkflowCompleted when state.ParentInstanceId is not null => new Outgoing(
            new WorkMessage { Kind = MessageKind.SubWorkflowCompleted, InstanceId = state.ParentInstanceId, Generation = state.ParentGeneration, Seq = state.ParentSeq, Payload = e.Payload },
            ToActivityQueue: false),
        HistoryEventKind.WorkflowFailed or HistoryEventKind.WorkflowTerminated when state.ParentInstanceId is not null => new Outgoing(
            new WorkMessage { Kind = MessageKind.SubWorkflowFailed, InstanceId = state.ParentInstanceId, Generation = state.ParentGeneration, Seq = state.ParentSeq, Failure = e.Failure ?? new Orchestration.WorkflowFailure("Terminated", e.Payload ?? "terminated") },
            ToActivityQueue: false),
        _ => null,
    };
}
