using System.Globalization;
using CxServerless.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Notifications;

/// <summary>
/// The <c>teams</c> channel: posts an Adaptive Card (the alert, its SLA and a link to the task) to a Microsoft Teams
/// incoming webhook: <c>{ "type": "message", "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive",
/// "contentUrl": null, "content": { "type": "AdaptiveCard", ... } } ] }</c>. The URL is the recipient's team's, else the
/// task's team's, else the default (<c>Notifications__TeamsWebhookUrls</c>, <c>Notifications__TeamsWebhookUrl</c>).
/// </summary>
/// <param name="http">The typed client, with the notification resilience handler.</param>
/// <param name="options">The notification settings.</param>
public sealed class TeamsChannel(HttpClient http, IOptions<NotificationOptions> options) : INotificationChannel
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <inheritdoc />
    public string Name => "teams";

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        var byTeam = settings.TeamsWebhooksByTeam();
        var url = (delivery.Recipient?.Team is { } own && byTeam.TryGetValue(own, out var ownUrl) ? ownUrl : null)
            ?? (delivery.Task?.Team is { } owner && byTeam.TryGetValue(owner, out var ownerUrl) ? ownerUrl : null)
            ?? settings.TeamsWebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return ChannelOutcome.NotConfigured();
        }

        if (NotificationOptions.IsUnresolvedReference(url))
        {
            return ChannelOutcome.NotConfigured("Key Vault reference unresolved");
        }

        using var response = await http.PostAsJsonAsync(
            new Uri(url), Card(delivery, settings), NotificationJsonContext.Default.TeamsMessage, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return ChannelOutcome.Failed($"HTTP {(int)response.StatusCode}");
        }

        // Office 365 connector webhooks answer some refusals with 200 and this text instead of a status code.
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Contains("returned HTTP error", StringComparison.OrdinalIgnoreCase)
            ? ChannelOutcome.Failed("refused by Teams")
            : ChannelOutcome.Delivered;
    }

    /// <summary>The message: one Adaptive Card with the notification, the alert's facts, the SLA and the link.</summary>
    /// <param name="delivery">The notification.</param>
    /// <param name="settings">The settings (for the link).</param>
    /// <returns>The message.</returns>
    public static TeamsMessage Card(NotificationDelivery delivery, NotificationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(settings);
        var note = delivery.Notification;
        var task = delivery.Task;
        var facts = new List<CardFact>();
        if (task is not null)
        {
            facts.Add(new CardFact("Severity", task.Severity));
            facts.Add(new CardFact("Slice", task.Slice));
            if (task.Kpi is { } kpi)
            {
                facts.Add(new CardFact("KPI", kpi));
            }

            facts.Add(new CardFact("Team", task.Team));
            facts.Add(new CardFact("Assignee", task.AssigneeName ?? task.Assignee ?? "nobody"));
            facts.Add(new CardFact("Level", (task.Level + 1).ToString(CultureInfo.InvariantCulture)));
            facts.Add(new CardFact(
                "SLA",
                task.DueAt is { } due ? due.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "none"));
        }

        var body = new List<CardElement>
        {
            new("TextBlock", Text: task?.Title ?? note.TaskId, Size: "Medium", Weight: "Bolder", Wrap: true,
                Color: task?.Severity is "Critical" or "Error" ? "Attention" : null),
            new("TextBlock", Text: note.Text, Wrap: true),
        };
        if (facts.Count > 0)
        {
            body.Add(new CardElement("FactSet", Facts: facts));
        }

        IReadOnlyList<CardAction> actions = (task is null ? null : settings.TaskLink(task.AlertId)) is { } link
            ? [new CardAction("Action.OpenUrl", "Open the task", link.ToString())]
            : [];
        var card = new AdaptiveCard("http://adaptivecards.io/schemas/adaptive-card.json", "AdaptiveCard", "1.4", body, actions);
        return new TeamsMessage("message", [new TeamsAttachment(AdaptiveCardContentType, null, card)]);
    }
}
