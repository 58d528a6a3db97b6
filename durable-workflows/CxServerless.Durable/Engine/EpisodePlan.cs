using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Engine;

/// <summary>
/// Sorts an episode's inbound messages against the loaded history: new facts to apply, duplicates already applied
/// (remembering the episode that applied them, whose sends are repeated), and messages that no longer matter.
/// </summary>
internal sealed class EpisodePlan
{
    public List<HistoryEvent> Incoming { get; } = [];

    /// <summary>Episodes whose outgoing messages must be sent again, because a message they applied came back.</summary>
    public SortedSet<int> DuplicateEpisodes { get; } = [];

    public string? TerminateReason { get; private set; }

    public bool Terminate { get; private set; }

    public int Dropped { get; private set; }

    public bool StartRequested { get; private set; }

    public bool HasWork => Terminate || StartRequested || Incoming.Count > 0;

    public static EpisodePlan Classify(InstanceRecord record, IReadOnlyList<WorkMessage> messages, DateTimeOffset now)
    {
        var plan = new EpisodePlan();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            var key = m.Kind is MessageKind.EventRaised ? "e:" + m.EventId : m.Kind + ":" + m.Generation + ":" + m.Seq;
            if (!applied.Add(key))
            {
                plan.Dropped++; // The same message twice in one batch.
                continue;
            }

            plan.ClassifyOne(record, m, now);
        }

        return plan;
    }

    private void ClassifyOne(InstanceRecord record, WorkMessage m, DateTimeOffset now)
    {
        var state = record.State;
        if (AppliedBy(record, m) is { } episode)
        {
            DuplicateEpisodes.Add(episode);
            return;
        }

        var stale = m.Kind is not (MessageKind.EventRaised or MessageKind.Terminate) && m.Generation != state.Generation;
        if (state.IsTerminal || stale || (m.Kind != MessageKind.Terminate && Terminate))
        {
            Dropped++;
            return;
        }

        switch (m.Kind)
        {
            case MessageKind.Start:
                StartRequested = true; // Starting needs no event of its own: every episode begins with EpisodeStarted.
                break;
            case MessageKind.Terminate:
                Terminate = true;
                TerminateReason = m.Payload;
                break;
            case MessageKind.EventRaised:
                Incoming.Add(new HistoryEvent { Kind = HistoryEventKind.EventRaised, Timestamp = now, Name = m.Name, Payload = m.Payload, EventId = m.EventId });
                break;
            default:
                AddStepResult(record, m, now);
                break;
        }
    }

    private void AddStepResult(InstanceRecord record, WorkMessage m, DateTimeOffset now)
    {
        var (scheduled, kind) = m.Kind switch
        {
            MessageKind.ActivityCompleted => (HistoryEventKind.ActivityScheduled, HistoryEventKind.ActivityCompleted),
            MessageKind.ActivityFailed => (HistoryEventKind.ActivityScheduled, HistoryEventKind.ActivityFailed),
            MessageKind.TimerFired => (HistoryEventKind.TimerCreated, HistoryEventKind.TimerFired),
            MessageKind.SubWorkflowCompleted => (HistoryEventKind.SubWorkflowScheduled, HistoryEventKind.SubWorkflowCompleted),
            MessageKind.SubWorkflowFailed => (HistoryEventKind.SubWorkflowScheduled, HistoryEventKind.SubWorkflowFailed),
            _ => throw new InvalidOperationException($"Message kind {m.Kind} does not belong on a control queue."),
        };

        var step = record.Events.FirstOrDefault(e => e.Kind == scheduled && e.Seq == m.Seq);
        if (step is null || Incoming.Any(e => e.Seq == m.Seq && e.Kind != HistoryEventKind.EventRaised))
        {
            Dropped++; // A result for a step this generation never scheduled, or a second result for one step.
            return;
        }

        Incoming.Add(new HistoryEvent { Kind = kind, Timestamp = now, Seq = m.Seq, Name = step.Name, Payload = m.Payload, Failure = m.Failure });
    }

    /// <summary>The episode that already applied <paramref name="m"/>, or null when it is new.</summary>
    private static int? AppliedBy(InstanceRecord record, WorkMessage m)
    {
        if (m.Kind is not (MessageKind.EventRaised or MessageKind.Terminate) && m.Generation != record.State.Generation)
        {
            return null;
        }

        HistoryEvent? match = m.Kind switch
        {
            MessageKind.Start => record.Events.FirstOrDefault(e => e.Kind == HistoryEventKind.EpisodeStarted),
            MessageKind.EventRaised => record.Events.FirstOrDefault(e => e.Kind == HistoryEventKind.EventRaised && e.EventId == m.EventId),
            MessageKind.Terminate => record.Events.FirstOrDefault(e => e.Kind == HistoryEventKind.WorkflowTerminated),
            MessageKind.ActivityCompleted or MessageKind.ActivityFailed => ResultFor(record, m.Seq, HistoryEventKind.ActivityCompleted, HistoryEventKind.ActivityFailed),
            MessageKind.TimerFired => ResultFor(record, m.Seq, HistoryEventKind.TimerFired, HistoryEventKind.TimerFired),
            MessageKind.SubWorkflowCompleted or MessageKind.SubWorkflowFailed => ResultFor(record, m.Seq, HistoryEventKind.SubWorkflowCompleted, HistoryEventKind.SubWorkflowFailed),
            _ => null,
        };
        return match?.Episode;
    }

    private static HistoryEvent? ResultFor(InstanceRecord record, int seq, HistoryEventKind a, HistoryEventKind b) =>
        record.Events.FirstOrDefault(e => e.Seq == seq && (e.Kind == a || e.Kind == b));
}
