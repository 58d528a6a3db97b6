using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Notifications;

/// <summary>A Teams incoming-webhook message carrying one Adaptive Card.</summary>
/// <param name="Type">Always <c>message</c>.</param>
/// <param name="Attachments">The card, as an attachment of content type <c>application/vnd.microsoft.card.adaptive</c>.</param>
public sealed record TeamsMessage(string Type, IReadOnlyList<TeamsAttachment> Attachments);

/// <summary>A message attachment.</summary>
/// <param name="ContentType"><c>application/vnd.microsoft.card.adaptive</c>.</param>
/// <param name="ContentUrl">Always null for a card.</param>
/// <param name="Content">The card.</param>
public sealed record TeamsAttachment(string ContentType, string? ContentUrl, AdaptiveCard Content);

/// <summary>An Adaptive Card (schema 1.4).</summary>
/// <param name="Schema">The schema URL.</param>
/// <param name="Type"><c>AdaptiveCard</c>.</param>
/// <param name="Version"><c>1.4</c>.</param>
/// <param name="Body">Text blocks and a fact set.</param>
/// <param name="Actions">The link to the task.</param>
public sealed record AdaptiveCard(
    [property: JsonPropertyName("$schema")] string Schema, string Type, string Version, IReadOnlyList<CardElement> Body,
    IReadOnlyList<CardAction> Actions);

/// <summary>A card element: a <c>TextBlock</c> or a <c>FactSet</c>.</summary>
/// <param name="Type">TextBlock or FactSet.</param>
/// <param name="Text">The text of a text block.</param>
/// <param name="Size">Its size.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Color">Its colour.</param>
/// <param name="Wrap">Whether it wraps.</param>
/// <param name="Facts">The facts of a fact set.</param>
public sealed record CardElement(
    string Type, string? Text = null, string? Size = null, string? Weight = null, string? Color = null, bool? Wrap = null,
    IReadOnlyList<CardFact>? Facts = null);

/// <summary>One fact of a fact set.</summary>
/// <param name="Title">The label.</param>
/// <param name="Value">The value.</param>
public sealed record CardFact(string Title, string Value);

/// <summary>A card action (<c>Action.OpenUrl</c>).</summary>
/// <param name="Type"><c>Action.OpenUrl</c>.</param>
/// <param name="Title">The button text.</param>
/// <param name="Url">The link.</param>
public sealed record CardAction(string Type, string Title, string Url);

/// <summary>The body of <c>POST {endpoint}/emails:send</c> (Azure Communication Services Email).</summary>
/// <param name="SenderAddress">The sender (a linked domain's address).</param>
/// <param name="Content">Subject and bodies.</param>
/// <param name="Recipients">The one recipient.</param>
/// <param name="UserEngagementTrackingDisabled">True: no open or click tracking.</param>
public sealed record EmailSendRequest(
    string SenderAddress, EmailContent Content, EmailRecipients Recipients, bool UserEngagementTrackingDisabled);

/// <summary>An e-mail's subject and bodies.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="PlainText">The text body.</param>
/// <param name="Html">The HTML body.</param>
public sealed record EmailContent(string Subject, string PlainText, string Html);

/// <summary>An e-mail's recipients.</summary>
/// <param name="To">The addressees.</param>
public sealed record EmailRecipients(IReadOnlyList<EmailAddress> To);

/// <summary>An address and its display name.</summary>
/// <param name="Address">The address.</param>
/// <param name="DisplayName">The display name.</param>
public sealed record EmailAddress(string Address, string? DisplayName);

/// <summary>The state of an e-mail send operation (the send answer and the <c>Operation-Location</c> poll answer).</summary>
/// <param name="Id">The operation id.</param>
/// <param name="Status">NotStarted, Running, Succeeded, Failed or Canceled.</param>
/// <param name="Error">Why it failed.</param>
public sealed record EmailOperation(string? Id, string? Status, EmailError? Error);

/// <summary>An error of the e-mail service.</summary>
/// <param name="Code">The code (for example <c>EmailDropped</c>).</param>
/// <param name="Message">The message (never recorded: it may name the address).</param>
public sealed record EmailError(string? Code, string? Message);

/// <summary>The JSON body the generic webhook receives (docs/escalation.md, "Channels").</summary>
/// <param name="Type">Always <c>cx.notification</c>.</param>
/// <param name="Version">The body's version, 1.</param>
/// <param name="Id">The notification's key: the same on every retry, for de-duplication.</param>
/// <param name="Kind">assigned, reassigned, escalated, reminded or slaBreached.</param>
/// <param name="Text">The notification's text (masked of personal data).</param>
/// <param name="At">When the notification was made.</param>
/// <param name="Recipient">Who it is for.</param>
/// <param name="Task">The task, or null when it is gone.</param>
public sealed record WebhookNotification(
    string Type, int Version, string Id, string Kind, string Text, DateTimeOffset At, WebhookRecipient Recipient, WebhookTask? Task);

/// <summary>The recipient, as the routing file names them (no address).</summary>
/// <param name="Id">The person's id.</param>
/// <param name="DisplayName">Their display name.</param>
/// <param name="Team">Their team.</param>
public sealed record WebhookRecipient(string Id, string? DisplayName, string? Team);

/// <summary>The task a webhook notification is about.</summary>
/// <param name="Id">The task id.</param>
/// <param name="AlertId">The alert id.</param>
/// <param name="Title">The alert's summary.</param>
/// <param name="Severity">The alert's severity.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Status">open, acknowledged or resolved.</param>
/// <param name="Level">The escalation level (0 = first).</param>
/// <param name="DueAt">When the current SLA lapses.</param>
/// <param name="Link">The task in the inbox.</param>
public sealed record WebhookTask(
    string Id, string AlertId, string Title, string Severity, string Team, string Status, int Level, DateTimeOffset? DueAt, string? Link);

/// <summary>Delivery counts per channel (<c>GET /api/ops/notifications</c>).</summary>
/// <param name="Since">The start of the period counted.</param>
/// <param name="Notifications">Notifications made in the period.</param>
/// <param name="Channels">Per channel beyond the inbox.</param>
/// <param name="RecentFailures">The latest failures, newest first (at most 20): no recipient, no text.</param>
public sealed record DeliverySummaryResponse(
    DateTimeOffset Since, int Notifications, IReadOnlyList<ChannelCounts> Channels, IReadOnlyList<DeliveryFailure> RecentFailures);

/// <summary>One channel's delivery counts.</summary>
/// <param name="Channel">teams, email or webhook.</param>
/// <param name="Delivered">Delivered.</param>
/// <param name="Failed">Failed after retries.</param>
/// <param name="NotConfigured">Not configured.</param>
/// <param name="Pending">Not tried yet (or the delivery itself could not run).</param>
public sealed record ChannelCounts(string Channel, int Delivered, int Failed, int NotConfigured, int Pending);

/// <summary>One failed delivery.</summary>
/// <param name="At">When the notification was made.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">The notification's kind.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Reason">Why.</param>
public sealed record DeliveryFailure(DateTimeOffset At, string TaskId, string Kind, string Channel, string Reason);

/// <summary>Source-generated JSON for the notification channels and the delivery summary.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamsMessage))]
[JsonSerializable(typeof(EmailSendRequest))]
[JsonSerializable(typeof(EmailOperation))]
[JsonSerializable(typeof(WebhookNotification))]
[JsonSerializable(typeof(DeliverySummaryResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext;
