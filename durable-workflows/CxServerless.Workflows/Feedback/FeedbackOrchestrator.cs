using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Notifications;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// One closed feedback loop: a "follow up with the customer" task for the owning team, with the acknowledgement and
/// resolution SLAs and escalation levels of the roster's chain (the escalation workflow itself, as a sub-orchestration);
/// once the task is resolved, a durable wait, a follow-up survey request, and a wait for the customer's next survey
/// response with a timeout; the outcome (before and after scores, times, or no response) on the loop's row.
/// </summary>
/// <remarks>
/// The input, output, custom status and every event carry the customer's pseudonym and scores only. The follow-up task
/// is <c>task-{loopId}</c> under escalation instance <c>escalation-{loopId}</c>, so the inbox acts on it as on any task.
/// A response that arrives before the request went out is not an answer to it: the starter raises
/// <see cref="FollowUpResponse.EventName"/> only while the loop's row says <c>awaitingResponse</c>.
/// </remarks>
[DurableTask(nameof(FeedbackOrchestrator))]
public sealed class FeedbackOrchestrator : TaskOrchestrator<FeedbackLoopRequest, FeedbackLoopOutcome>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));

    private static readonly TaskOptions DeliveryRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(1)));

    /// <summary>The escalation request of a loop's follow-up task.</summary>
    /// <param name="loop">The loop.</param>
    /// <returns>The request; its alert id is the loop id.</returns>
    public static EscalationRequest TaskRequest(FeedbackLoopRequest loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return new EscalationRequest(
            loop.LoopId, loop.Severity,
            $"Follow up with the customer ({string.Join(", ", loop.Reasons)}; topic {loop.Topic}; loop {loop.LoopId})",
            loop.Slice, null, new RoutingHint(null, null, "feedback-" + loop.Topic), "feedback");
    }

    /// <inheritdoc />
    public override async Task<FeedbackLoopOutcome> RunAsync(TaskOrchestrationContext context, FeedbackLoopRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await RecordAsync(context, input, FeedbackLoopStages.Open);
        var task = await context.CallSubOrchestratorAsync<EscalationOutcome>(
            nameof(EscalationOrchestrator),
            TaskRequest(input),
            new SubOrchestrationOptions(Retry, EscalationRequest.InstanceIdFor(input.LoopId)));
        if (task.Closure != "resolved")
        {
            await RecordAsync(context, input, FeedbackLoopStages.Closed, FeedbackLoopStages.Dismissed);
            return new FeedbackLoopOutcome(input.LoopId, FeedbackLoopStages.Dismissed, task.Closure, null);
        }

        await RecordAsync(context, input, FeedbackLoopStages.Resolved);
        await WaitUntilAsync(context, context.CurrentUtcDateTime + input.FollowUpDelay);

        // The wait starts before the request goes out, so an answer raised right after it is never missed.
        var response = context.WaitForExternalEvent<FollowUpResponse>(FollowUpResponse.EventName);
        var key = await context.CallActivityAsync<string>(
            nameof(RequestFollowUpSurvey), new FollowUpSurveyRequest(input, Utc(context.CurrentUtcDateTime)), Retry);
        await RecordAsync(context, input, FeedbackLoopStages.AwaitingResponse);
        await DeliverAsync(context, input, key);

        using var cancel = new CancellationTokenSource();
        var timeout = context.CreateTimer(context.CurrentUtcDateTime + input.ResponseTimeout, cancel.Token);
        if (await Task.WhenAny(response, timeout) == response)
        {
            cancel.Cancel();
            var answer = await response;
            await RecordAsync(context, input, FeedbackLoopStages.Closed, FeedbackLoopStages.Responded, answer);
            return new FeedbackLoopOutcome(input.LoopId, FeedbackLoopStages.Responded, task.Closure, answer.Scores);
        }

        await RecordAsync(context, input, FeedbackLoopStages.Closed, FeedbackLoopStages.NoResponse);
        return new FeedbackLoopOutcome(input.LoopId, FeedbackLoopStages.NoResponse, task.Closure, null);
    }

    /// <summary>
    /// Waits until <paramref name="due"/>. The storage provider's timers can fire up to a second early (queue visibility
    /// is whole seconds), so a timer that fired before its time is followed by another for the rest.
    /// </summary>
    private static async Task WaitUntilAsync(TaskOrchestrationContext context, DateTime due)
    {
        while (context.CurrentUtcDateTime < due)
        {
            await context.CreateTimer(due, CancellationToken.None);
        }
    }

    private static async Task RecordAsync(
        TaskOrchestrationContext context, FeedbackLoopRequest input, string stage, string? outcome = null, FollowUpResponse? answer = null)
    {
        context.SetCustomStatus(new { loopId = input.LoopId, stage, outcome });
        await context.CallActivityAsync<FeedbackLoopRecord>(
            nameof(RecordFeedbackLoop),
            new FeedbackLoopChange(input, stage, Utc(context.CurrentUtcDateTime), outcome, answer?.Scores, answer?.EventId),
            Retry);
    }

    /// <summary>Sends the stored request through its channels beyond the inbox; a failure never stops the loop.</summary>
    private static async Task DeliverAsync(TaskOrchestrationContext context, FeedbackLoopRequest input, string key)
    {
        if (DeliveryText.External(input.FollowUpChannels).Count == 0)
        {
            return;
        }

        try
        {
            await context.CallActivityAsync<string>(
                nameof(DeliverNotification), new DeliveryRequest(input.CustomerKey, key), DeliveryRetry);
        }
        catch (TaskFailedException)
        {
            // Storage kept failing through the retries: the request stays "pending" on its notification.
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
