using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CxServerless.Workflows.Notifications;

/// <summary>
/// Sends a stored notification through its channels beyond the inbox and records each channel's outcome on the
/// notification's <c>Delivery</c> field (<c>teams: delivered; email: failed: HTTP 503</c>). A channel the handler has
/// no client for, or whose settings are empty, is <c>not configured</c>.
/// </summary>
/// <remarks>
/// A failing channel never fails this activity: its failure is recorded, counted (<c>cx.notifications.deliveries</c>)
/// and logged by type, and the escalation carries on. The activity throws only when storage fails, and the orchestrator
/// then gives up on the delivery after its retries, not on the escalation. Each channel's outcome is written as soon as
/// it is known, so a re-run (after a crash) sends only to the channels still <c>pending</c>.
/// </remarks>
[DurableTask(nameof(DeliverNotification))]
public sealed partial class DeliverNotification(
    NotificationStore notifications,
    TaskStore tasks,
    IRosterSource rosters,
    IEnumerable<INotificationChannel> channels,
    ILogger<DeliverNotification> logger) : TaskActivity<DeliveryRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, DeliveryRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = CancellationToken.None;
        var notification = await notifications.GetAsync(input.Recipient, input.Key, ct);
        if (notification is null)
        {
            return DeliveryText.InboxOnly; // nothing stored under that key: nothing to send
        }

        var outcomes = DeliveryText.External(notification.Channels)
            .Select(c => (Channel: c,
                Outcome: DeliveryText.Parse(notification.Delivery).FirstOrDefault(o => o.Channel == c).Outcome ?? DeliveryText.Pending))
            .ToList();
        if (outcomes.All(o => DeliveryText.StatusOf(o.Outcome) != ChannelStatus.Pending))
        {
            return DeliveryText.Format(outcomes);
        }

        var delivery = new NotificationDelivery(
            notification, await tasks.GetAsync(notification.TaskId, ct), (await rosters.GetAsync(ct)).Find(notification.Recipient));
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (DeliveryText.StatusOf(outcomes[i].Outcome) != ChannelStatus.Pending)
            {
                continue;
            }

            var outcome = await SendAsync(outcomes[i].Channel, delivery);
            NotificationMetrics.Record(outcomes[i].Channel, outcome.Status);
            outcomes[i] = (outcomes[i].Channel, outcome.ToString());
            await notifications.SetDeliveryAsync(notification.Recipient, notification.Key, DeliveryText.Format(outcomes), ct);
        }

        return DeliveryText.Format(outcomes);
    }

    private async Task<ChannelOutcome> SendAsync(string name, NotificationDelivery delivery)
    {
        var channel = channels.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        if (channel is null)
        {
            return ChannelOutcome.NotConfigured();
        }

        try
        {
            var outcome = await channel.SendAsync(delivery, CancellationToken.None);
            if (outcome.Status == ChannelStatus.Failed)
            {
                LogFailed(logger, name, delivery.Notification.Key, outcome.Reason ?? "unknown");
            }

            return outcome;
        }
#pragma warning disable CA1031 // A channel's failure must never fail the escalation: it is recorded, counted and logged by type.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, name, delivery.Notification.Key, ex.GetType().Name);
            return ChannelOutcome.Failed(ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Notification {Key}: channel {Channel} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string channel, string key, string reason);
}

/// <summary>Deliver one stored notification.</summary>
/// <param name="Recipient">The recipient's id (the notification's partition).</param>
/// <param name="Key">The notification's key (<c>{taskId}-{step}</c>).</param>
public sealed record DeliveryRequest(string Recipient, string Key);
