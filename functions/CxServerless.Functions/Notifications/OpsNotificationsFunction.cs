using System.Globalization;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Notifications;

/// <summary>
/// <c>GET /api/ops/notifications?hours=24</c> (OpsAdmin, Supervisor, Auditor; audited): notification deliveries beyond
/// the inbox over the last 1–168 hours, counted per channel (delivered, failed, not configured, pending) from the
/// Notifications table, and the latest failures with their reasons (never a recipient or message text).
/// </summary>
public sealed class OpsNotificationsFunction(HttpFunctionServices services, NotificationStore notifications, TimeProvider time)
    : HttpFunction(services)
{
    private const int MaxFailures = 20;

    /// <inheritdoc />
    public override string Name => "OpsNotifications";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string> { CxRoles.OpsAdmin, CxRoles.Supervisor, CxRoles.Auditor };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hours = 24;
        if (request.Query.TryGetValue("hours", out var text) && !string.IsNullOrWhiteSpace(text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours is < 1 or > 168))
        {
            return HttpTriggerResponse.Problem(400, "Bad request", "The query parameter 'hours' must be a whole number from 1 to 168.");
        }

        var since = time.GetUtcNow().AddHours(-hours);
        var rows = await notifications.ListSinceAsync(since, cancellationToken);
        var outcomes = rows.SelectMany(n => DeliveryText.Parse(n.Delivery).Select(o => (Note: n, o.Channel, o.Outcome))).ToList();
        var channels = outcomes.GroupBy(o => o.Channel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChannelCounts(
                g.Key,
                g.Count(o => DeliveryText.StatusOf(o.Outcome) == ChannelStatus.Delivered),
                g.Count(o => DeliveryText.StatusOf(o.Outcome) == ChannelStatus.Failed),
                g.Count(o => DeliveryText.StatusOf(o.Outcome) == ChannelStatus.NotConfigured),
                g.Count(o => DeliveryText.StatusOf(o.Outcome) == ChannelStatus.Pending)))
            .ToList();
        var failures = outcomes.Where(o => DeliveryText.StatusOf(o.Outcome) == ChannelStatus.Failed)
            .OrderByDescending(o => o.Note.At)
            .Take(MaxFailures)
            .Select(o => new DeliveryFailure(o.Note.At, o.Note.TaskId, o.Note.Kind, o.Channel, o.Outcome["failed: ".Length..]))
            .ToList();
        var response = HttpTriggerResponse.Json(
            200,
            new DeliverySummaryResponse(since, rows.Count, channels, failures),
            NotificationJsonContext.Default.DeliverySummaryResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
