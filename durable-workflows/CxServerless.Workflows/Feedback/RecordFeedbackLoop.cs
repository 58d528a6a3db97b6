using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// Writes a loop's stage on its <c>FeedbackLoops</c> row, with what the follow-up task says (owning team, when it was
/// acknowledged and resolved, whether an SLA lapsed) and, at the close, the outcome, the follow-up scores and the count
/// of attached items; then the same loop's reporting row (<see cref="FeedbackReportStore"/>). Every value comes from the
/// orchestrator's input or from storage, so a re-run writes the same rows.
/// </summary>
[DurableTask(nameof(RecordFeedbackLoop))]
public sealed class RecordFeedbackLoop(FeedbackLoopStore loops, FeedbackReportStore report, TaskStore tasks)
    : TaskActivity<FeedbackLoopChange, FeedbackLoopRecord>
{
    /// <inheritdoc />
    public override async Task<FeedbackLoopRecord> RunAsync(TaskActivityContext context, FeedbackLoopChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = CancellationToken.None;
        var r = input.Request;
        var loop = await loops.GetAsync(r.CustomerKey, r.LoopId, ct)
            ?? new FeedbackLoopRecord(
                r.CustomerKey, r.LoopId, r.EventId, string.Join(',', r.Reasons), r.Topic, r.RulesVersion, FeedbackLoopStages.Open, input.At)
            { Before = r.Before, TaskId = EscalationRequest.TaskIdFor(r.LoopId) };
        var task = await tasks.GetAsync(EscalationRequest.TaskIdFor(r.LoopId), ct);
        var closing = input.Stage == FeedbackLoopStages.Closed;
        loop = loop with
        {
            Status = loop.Status == FeedbackLoopStages.Closed ? loop.Status : input.Stage,
            Team = task?.Team ?? loop.Team,
            AcknowledgedAt = task?.AcknowledgedAt ?? loop.AcknowledgedAt,
            ResolvedAt = task?.ClosedAt ?? loop.ResolvedAt,
            SlaBreached = (task?.SlaBreached ?? false) || loop.SlaBreached,
            FollowUpRequestedAt = input.Stage == FeedbackLoopStages.AwaitingResponse
                ? loop.FollowUpRequestedAt ?? input.At
                : loop.FollowUpRequestedAt,
            ClosedAt = closing ? loop.ClosedAt ?? input.At : loop.ClosedAt,
            Outcome = closing ? loop.Outcome ?? input.Outcome : loop.Outcome,
            After = closing ? loop.After ?? input.After : loop.After,
            FollowUpEventId = closing ? loop.FollowUpEventId ?? input.AfterEventId : loop.FollowUpEventId,
            Attached = await loops.AttachedAsync(r.CustomerKey, r.LoopId, ct),
        };
        await loops.SaveAsync(loop, ct);
        await report.SaveAsync(loop, ct);
        return loop;
    }
}
