namespace CxServerless.Workflows.Tasks;

/// <summary>A notification to a person: kept in the Notifications table and shown in their inbox.</summary>
/// <param name="Recipient">The person's id.</param>
/// <param name="Key">The idempotency key (task and workflow step).</param>
/// <param name="TaskId">The task it is about.</param>
/// <param name="Kind">assigned, reminded or escalated.</param>
/// <param name="Text">The message.</param>
/// <param name="Channels">The channels it was meant for (inbox always).</param>
/// <param name="Delivery">
/// What happened per channel beyond the inbox: <c>inbox</c> when there is no other channel, else
/// <c>{channel}: delivered | failed: {reason} | not configured | pending</c> joined by <c>; </c>
/// (<see cref="Notifications.DeliveryText"/>).
/// </param>
/// <param name="At">When it was made.</param>
public sealed record NotificationRecord(
    string Recipient,
    string Key,
    string TaskId,
    string Kind,
    string Text,
    IReadOnlyList<string> Channels,
    string Delivery,
    DateTimeOffset At);
