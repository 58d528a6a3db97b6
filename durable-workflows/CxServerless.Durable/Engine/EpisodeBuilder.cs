using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Replay;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Engine;

/// <summary>Turns a loaded instance and an episode plan into the events, state row and messages to commit and send.</summary>
internal static class EpisodeBuilder
{
    public static EpisodeCommit Build(OrchestrationExecutor executor, InstanceRecord record, EpisodePlan plan, DateTimeOffset now)
    {
        var state = record.State;
        var episode = state.Episode + 1;
        var events = new List<HistoryEvent>();
        void Add(HistoryEvent e) => events.Add(e with { Index = state.EventCount + events.Count, Episode = episode, Timestamp = now });

        if (plan.Terminate)
        {
            Add(new HistoryEvent { Kind = HistoryEventKind.WorkflowTerminated, Payload = plan.TerminateReason });
            var terminated = state with
            {
                Status = WorkflowStatus.Terminated,
                Output = plan.TerminateReason,
                Episode = episode,
                EventCount = state.EventCount + events.Count,
                LastUpdatedAt = now,
                CompletedAt = now,
            };
            return new EpisodeCommit(terminated, events, Outbox.For(terminated, events));
        }

        var incoming = new List<HistoryEvent> { new() { Kind = HistoryEventKind.EpisodeStarted, Timestamp = now } };
        incoming.AddRange(plan.Incoming);
        var result = executor.Execute(state, record.Events, incoming);
        incoming.ForEach(Add);
        foreach (var action in result.NewActions)
        {
            Add(Scheduled(action));
        }

        var next = state with
        {
            Status = result.Status,
            Episode = episode,
            LastUpdatedAt = now,
            CustomStatus = result.CustomStatusSet ? result.CustomStatus : state.CustomStatus,
        };

        if (result.ContinueAsNew is { } continued)
        {
            return ContinueAsNew(next, continued, episode, now);
        }

        switch (result.Status)
        {
            case WorkflowStatus.Completed:
                Add(new HistoryEvent { Kind = HistoryEventKind.WorkflowCompleted, Payload = result.Output });
                next = next with { Output = result.Output, CompletedAt = now };
                break;
            case WorkflowStatus.Failed:
                Add(new HistoryEvent { Kind = HistoryEventKind.WorkflowFailed, Failure = result.Failure });
                next = next with { Failure = result.Failure, CompletedAt = now };
                break;
            default:
                break;
        }

        next = next with { EventCount = state.EventCount + events.Count };
        return new EpisodeCommit(next, events, Outbox.For(next, events));
    }

    private static EpisodeCommit ContinueAsNew(InstanceState next, ContinueAsNewRequest continued, int episode, DateTimeOffset now)
    {
        var events = new List<HistoryEvent>
        {
            new() { Kind = HistoryEventKind.WorkflowStarted, Index = 0, Episode = episode, Timestamp = now, Name = next.Name, Payload = continued.Input },
        };
        foreach (var carried in continued.CarriedEvents)
        {
            events.Add(carried with { Index = events.Count, Episode = episode });
        }

        var state = next with
        {
            Status = WorkflowStatus.Running,
            Generation = next.Generation + 1,
            Input = continued.Input,
            Output = null,
            EventCount = events.Count,
        };
        return new EpisodeCommit(state, events, Outbox.For(state, events));
    }

    private static HistoryEvent Scheduled(PendingAction action) => action.Kind switch
    {
        ActionKind.Activity => new HistoryEvent { Kind = HistoryEventKind.ActivityScheduled, Seq = action.Seq, Name = action.Name, Payload = action.Input },
        ActionKind.Timer => new HistoryEvent { Kind = HistoryEventKind.TimerCreated, Seq = action.Seq, FireAt = action.FireAt },
        _ => new HistoryEvent { Kind = HistoryEventKind.SubWorkflowScheduled, Seq = action.Seq, Name = action.Name, Payload = action.Input, ChildInstanceId = action.ChildInstanceId },
    };
}
