using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Workflows.Feedback;

/// <summary>Feedback scores of one response: CSAT 1–5, NPS 0–10, canonical CES 1–7 (7 = very easy), sentiment −1…+1.</summary>
/// <param name="Csat">CSAT, when given.</param>
/// <param name="Nps">NPS, when given.</param>
/// <param name="Ces">The canonical customer-effort score, when given.</param>
/// <param name="Sentiment">The sentiment of the response's text, when it had text.</param>
public sealed record FeedbackScores(int? Csat, int? Nps, int? Ces, double? Sentiment);

/// <summary>What starts a closed feedback loop. Holds the customer's pseudonym, never personal data or text.</summary>
/// <param name="LoopId">The loop's id (<c>feedback-{32 hex}</c>): the instance id; the task derives from it.</param>
/// <param name="CustomerKey">The customer's pseudonym (<c>c-k1-…</c>).</param>
/// <param name="EventId">The stored event that opened the loop.</param>
/// <param name="Reasons">Why it opened: <c>csat</c>, <c>nps</c>, <c>effort</c>, <c>negativeText</c>.</param>
/// <param name="Topic">The topic its text was tagged with.</param>
/// <param name="Slice">
/// The contact's slice: <c>team=…</c> when the topic names a team or the event has one, else <c>queue=…</c>.
/// </param>
/// <param name="Severity">The roster's escalation chain the task climbs.</param>
/// <param name="RulesVersion">The feedback rules version it ran under.</param>
/// <param name="Before">The scores that opened it.</param>
/// <param name="FollowUpDelay">How long after the task is resolved the customer is asked again.</param>
/// <param name="ResponseTimeout">How long the loop waits for the customer's answer to the follow-up.</param>
/// <param name="FollowUpChannels">The channels of the follow-up survey request.</param>
public sealed record FeedbackLoopRequest(
    string LoopId, string CustomerKey, string EventId, IReadOnlyList<string> Reasons, string Topic, string Slice,
    AlertSeverity Severity, string RulesVersion, FeedbackScores Before, TimeSpan FollowUpDelay, TimeSpan ResponseTimeout,
    IReadOnlyList<string> FollowUpChannels)
{
    /// <summary>A new loop id: <c>feedback-</c> and 32 random hex digits.</summary>
    /// <remarks>
    /// Random rather than derived from the pseudonym, so that a task, a notification key or a workflow instance left
    /// after an erasure cannot be linked back to the customer; the head row's claim keeps a redelivered trigger on the
    /// loop id it first got.
    /// </remarks>
    /// <returns>The loop id; also the orchestration's instance id.</returns>
    public static string NewLoopId() => "feedback-" + Guid.NewGuid().ToString("N");
}

/// <summary>The customer's answer to the follow-up survey: the payload of the <c>followUpResponse</c> event.</summary>
/// <param name="EventId">The survey response's event id.</param>
/// <param name="Scores">Its scores.</param>
/// <param name="At">When the customer answered.</param>
public sealed record FollowUpResponse(string EventId, FeedbackScores Scores, DateTimeOffset At)
{
    /// <summary>The external event name a follow-up response is raised under.</summary>
    public const string EventName = "followUpResponse";
}

/// <summary>A step of a loop to record on its <c>FeedbackLoops</c> row.</summary>
/// <param name="Request">The loop.</param>
/// <param name="Stage"><c>open</c>, <c>resolved</c>, <c>awaitingResponse</c> or <c>closed</c>.</param>
/// <param name="At">When (the orchestrator's time, so a re-run records the same).</param>
/// <param name="Outcome">When closed: <c>responded</c>, <c>noResponse</c> or <c>dismissed</c>.</param>
/// <param name="After">The follow-up response's scores, when it came.</param>
/// <param name="AfterEventId">The follow-up response's event id, when it came.</param>
public sealed record FeedbackLoopChange(
    FeedbackLoopRequest Request, string Stage, DateTimeOffset At, string? Outcome = null, FeedbackScores? After = null,
    string? AfterEventId = null);

/// <summary>How a loop ended.</summary>
/// <param name="LoopId">The loop.</param>
/// <param name="Outcome"><c>responded</c>, <c>noResponse</c> or <c>dismissed</c> (the task closed other than resolved).</param>
/// <param name="TaskClosure">How the follow-up task closed (resolved, falseAlarm).</param>
/// <param name="After">The follow-up response's scores, when it came.</param>
public sealed record FeedbackLoopOutcome(string LoopId, string Outcome, string TaskClosure, FeedbackScores? After);

/// <summary>Store and send the follow-up survey request of a loop.</summary>
/// <param name="Request">The loop.</param>
/// <param name="At">When (the orchestrator's time).</param>
public sealed record FollowUpSurveyRequest(FeedbackLoopRequest Request, DateTimeOffset At);
