using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// Stores the follow-up survey request of a loop as a notification to the customer's pseudonym (partition = the
/// pseudonym, key <c>{loopId}-followUp</c>, kind <c>followUpSurvey</c>), once. The orchestrator then sends it through
/// the rules' channels with <see cref="DeliverNotification"/>: the <c>webhook</c> channel is what an outbound survey
/// system consumes. The request names the pseudonym, the loop and the topic, never a contact detail.
/// </summary>
[DurableTask(nameof(RequestFollowUpSurvey))]
public sealed class RequestFollowUpSurvey(NotificationStore notifications) : TaskActivity<FollowUpSurveyRequest, string>
{
    /// <summary>The notification kind of a follow-up survey request.</summary>
    public const string Kind = "followUpSurvey";

    /// <summary>The notification key of a loop's follow-up request.</summary>
    /// <param name="loopId">The loop.</param>
    /// <returns>The key.</returns>
    public static string KeyFor(string loopId) => loopId + "-followUp";

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, FollowUpSurveyRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var r = input.Request;
        var key = KeyFor(r.LoopId);
        await notifications.AddIfAbsentAsync(
            new NotificationRecord(
                r.CustomerKey, key, EscalationRequest.TaskIdFor(r.LoopId), Kind,
                $"Follow-up survey for customer {r.CustomerKey}: loop {r.LoopId}, topic {r.Topic}",
                r.FollowUpChannels, DeliveryText.Initial(r.FollowUpChannels), input.At),
            CancellationToken.None);
        return key;
    }
}
