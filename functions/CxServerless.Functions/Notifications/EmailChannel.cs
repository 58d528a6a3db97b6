using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Azure.Core;
using CxServerless.Workflows.Notifications;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Notifications;

/// <summary>
/// The <c>email</c> channel: Azure Communication Services Email over REST. <c>POST {endpoint}/emails:send?api-version=</c>
/// <see cref="ApiVersion"/> with an Entra bearer token of the app's identity (scope <see cref="Scope"/>), then the
/// send operation is polled at its <c>Operation-Location</c> until <c>Succeeded</c> (delivered) or <c>Failed</c> /
/// <c>Canceled</c> (failed with the error code), for at most <see cref="NotificationOptions.EmailPollLimit"/>.
/// </summary>
/// <remarks>
/// The address comes from the recipient's <c>email</c> in the routing file; without one the channel is not configured
/// for that person. The address is never logged or recorded. The <c>Operation-Id</c> header is derived from the
/// notification's key, so a retried send names the same operation. 429 and 5xx answers are retried by the resilience
/// handler, which honours <c>Retry-After</c>.
/// </remarks>
/// <param name="http">The typed client, with the notification resilience handler.</param>
/// <param name="credential">The app's identity (managed identity in Azure).</param>
/// <param name="options">The notification settings.</param>
/// <param name="time">The clock (poll delays).</param>
public sealed class EmailChannel(HttpClient http, TokenCredential credential, IOptions<NotificationOptions> options, TimeProvider time)
    : INotificationChannel
{
    /// <summary>The Email REST API version (GA).</summary>
    public const string ApiVersion = "2025-09-01";

    /// <summary>The Entra scope of Azure Communication Services.</summary>
    public const string Scope = "https://communication.azure.com/.default";

    private static readonly TimeSpan DefaultPollDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Name => "email";

    /// <inheritdoc />
    public async Task<ChannelOutcome> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.EmailEndpoint) || string.IsNullOrWhiteSpace(settings.EmailSender))
        {
            return ChannelOutcome.NotConfigured();
        }

        if (delivery.Recipient?.Email is not { } address)
        {
            return ChannelOutcome.NotConfigured("no e-mail address in the routing file");
        }

        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        var send = new Uri($"{settings.EmailEndpoint.TrimEnd('/')}/emails:send?api-version={ApiVersion}");
        using var request = new HttpRequestMessage(HttpMethod.Post, send)
        {
            Content = JsonContent.Create(Message(delivery, settings, address), NotificationJsonContext.Default.EmailSendRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Add("Operation-Id", OperationId(delivery.Notification.Key).ToString());
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return ChannelOutcome.Failed($"HTTP {(int)response.StatusCode}");
        }

        var operation = await response.Content.ReadFromJsonAsync(NotificationJsonContext.Default.EmailOperation, cancellationToken);
        if (Final(operation) is { } immediate)
        {
            return immediate;
        }

        if (response.Headers.TryGetValues("Operation-Location", out var locations) && locations.FirstOrDefault() is { } location
            && Uri.TryCreate(location, UriKind.Absolute, out var status))
        {
            return await PollAsync(status, PollDelay(response), settings.EmailPollLimit, cancellationToken);
        }

        return ChannelOutcome.Failed("no Operation-Location");
    }

    /// <summary>The send request for a notification.</summary>
    /// <param name="delivery">The notification.</param>
    /// <param name="settings">The settings (sender and link).</param>
    /// <param name="address">The recipient's address.</param>
    /// <returns>The request body.</returns>
    public static EmailSendRequest Message(NotificationDelivery delivery, NotificationOptions settings, string address)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(settings);
        var task = delivery.Task;
        var title = task?.Title ?? delivery.Notification.TaskId;
        var link = task is null ? null : settings.TaskLink(task.AlertId);
        var due = task?.DueAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "none";
        var subject = $"[CX {task?.Severity ?? "alert"}] {title}";
        var lines = new List<string>
        {
            delivery.Notification.Text,
            string.Empty,
            $"Severity: {task?.Severity}",
            $"Team: {task?.Team}",
            $"SLA: {due}",
        };
        if (link is not null)
        {
            lines.Add($"Task: {link}");
        }

        var html = new StringBuilder("<html><body>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlEncoder.Default.Encode(delivery.Notification.Text)}</p><ul>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Severity: {HtmlEncoder.Default.Encode(task?.Severity ?? string.Empty)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Team: {HtmlEncoder.Default.Encode(task?.Team ?? string.Empty)}</li>");
        html.Append(CultureInfo.InvariantCulture, $"<li>SLA: {HtmlEncoder.Default.Encode(due)}</li></ul>");
        if (link is not null)
        {
            html.Append(
                CultureInfo.InvariantCulture, $"<p><a href=\"{HtmlEncoder.Default.Encode(link.ToString())}\">Open the task</a></p>");
        }

        html.Append("</body></html>");
        return new EmailSendRequest(
            settings.EmailSender!, new EmailContent(subject, string.Join('\n', lines), html.ToString()),
            new EmailRecipients([new EmailAddress(address, delivery.Recipient?.DisplayName)]), UserEngagementTrackingDisabled: true);
    }

    /// <summary>The operation id of a notification's e-mail: a GUID from the first 16 bytes of SHA-256 over its key.</summary>
    /// <param name="key">The notification's key.</param>
    /// <returns>The id.</returns>
    public static Guid OperationId(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    private async Task<ChannelOutcome> PollAsync(Uri status, TimeSpan delay, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            if (time.GetUtcNow() + delay > deadline)
            {
                return ChannelOutcome.Failed($"no final status within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }

            await Task.Delay(delay, time, cancellationToken);
            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, status);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ChannelOutcome.Failed($"status poll HTTP {(int)response.StatusCode}");
            }

            var operation = await response.Content.ReadFromJsonAsync(NotificationJsonContext.Default.EmailOperation, cancellationToken);
            if (Final(operation) is { } outcome)
            {
                return outcome;
            }

            delay = PollDelay(response);
        }
    }

    private static ChannelOutcome? Final(EmailOperation? operation) => operation?.Status switch
    {
        "Succeeded" => ChannelOutcome.Delivered,
        "Failed" or "Canceled" => ChannelOutcome.Failed($"{operation.Status} ({operation.Error?.Code ?? "no code"})"),
        _ => null,
    };

    private static TimeSpan PollDelay(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultPollDelay);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxPollDelay ? MaxPollDelay : delay;
    }
}
