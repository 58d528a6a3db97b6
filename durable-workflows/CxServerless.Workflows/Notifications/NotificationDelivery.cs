using CxServerless.Domain.Escalation;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Workflows.Notifications;

/// <summary>What a channel needs to send one notification.</summary>
/// <param name="Notification">The stored notification (its key is the channel's idempotency key).</param>
/// <param name="Task">The task it is about, or null when the task row is gone.</param>
/// <param name="Recipient">The recipient as the routing file in force describes them, or null when they left it.</param>
public sealed record NotificationDelivery(NotificationRecord Notification, TaskRecord? Task, Person? Recipient);
