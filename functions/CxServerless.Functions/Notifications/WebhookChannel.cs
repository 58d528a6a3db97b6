using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxServerless.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Notifications;

/// <summary>
/// The <c>webhook</c> channel: posts a <see cref="WebhookNotification"/> as JSON to <c>Notifications__WebhookUrl</c>.
/// With <c>Notifications__WebhookSecret</c> set, the body is signed: <c>X-Cx-Timestamp</c> holds the Unix time in
/// seconds and <c>X-Cx-Signature</c> is <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed by the secret's UTF-8
/// bytes, of <c>{timestamp}.{body}</c>. <c>X-Cx-Notification-Id</c> repeats the body's <c>id</c> for de-duplication.
/// </summary>
/// <param name="http">The typed client, with the notification resilience handler.</param>
/// <param name="options">The notification settings.</param>
/// <param name="time">The clock (the signature's timestamp).</param>
public sealed class WebhookChannel(HttpClient http, IOptions<NotificationOptions> options, TimeProvider time) : INotificationChannel
{
    /// <summary>The header with the signature.</summary>
    public const string SignatureHeader = "X-Cx-Signature";

    /// <summary>The header with the signed timestamp.</summary>
    public const string TimestampHeader = "X-Cx-Timestamp";

    /// <summary>The header with the notification's id.</summary>
    public const string IdHeader = "X-Cx-Notification-Id";

    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl))
        {
            return ChannelOutcome.NotConfigured();
        }

        if (NotificationOptions.IsUnresolvedReference(settings.WebhookUrl)
            || NotificationOptions.IsUnresolvedReference(settings.WebhookSecret))
        {
            return ChannelOutcome.NotConfigured("Key Vault reference unresolved");
        }

        var body = JsonSerializer.Serialize(Body(delivery, settings), NotificationJsonContext.Default.WebhookNotification);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.WebhookUrl))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdHeader, delivery.Notification.Key);
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))));
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? ChannelOutcome.Delivered : ChannelOutcome.Failed($"HTTP {(int)response.StatusCode}");
    }

    /// <summary>The body for a notification.</summary>
    /// <param name="delivery">The notification.</param>
    /// <param name="settings">The settings (for the link).</param>
    /// <returns>The body.</returns>
    public static WebhookNotification Body(NotificationDelivery delivery, NotificationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(settings);
        var n = delivery.Notification;
        var t = delivery.Task;
        return new WebhookNotification(
            "cx.notification", 1, n.Key, n.Kind, n.Text, n.At,
            new WebhookRecipient(n.Recipient, delivery.Recipient?.DisplayName, delivery.Recipient?.Team),
            t is null ? null : new WebhookTask(t.TaskId, t.AlertId, t.Title, t.Severity, t.Team, t.Status, t.Level, t.DueAt,
                settings.TaskLink(t.AlertId)?.ToString()));
    }
}
