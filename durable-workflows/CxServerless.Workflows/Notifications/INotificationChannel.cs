namespace CxServerless.Workflows.Notifications;

/// <summary>
/// A way to tell a person about a notification beyond the inbox: Microsoft Teams, e-mail or a JSON webhook. The handler
/// implements each over HTTP; <see cref="DeliverNotification"/> calls them.
/// </summary>
/// <remarks>
/// A channel reports what happened as a <see cref="ChannelOutcome"/> and throws only for a bug or cancellation: a
/// channel that keeps failing must never fail the escalation workflow. Outcomes and logs never carry the message text
/// or an e-mail address.
/// </remarks>
public interface INotificationChannel
{
    /// <summary>Gets the channel's name as the routing file spells it: <c>teams</c>, <c>email</c> or <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>Sends one notification.</summary>
    /// <param name="delivery">The notification, its task and its recipient.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>Delivered, failed with a reason, or not configured.</returns>
    Task<ChannelOutcome> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken);
}
