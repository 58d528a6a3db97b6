using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>GET /api/notifications?top=</c>: the caller's own notifications (recipient = their user id), newest first,
/// <c>top</c> 1–200 (default 50). Every role; a caller without a user id has none. Every call is audited.
/// </summary>
public sealed class NotificationsFunction(NotificationStore notifications, HttpFunctionServices services) : HttpFunction(services)
{
    private const int DefaultTop = 50;
    private const int MaxTop = 200;

    /// <inheritdoc />
    public override string Name => "Notifications";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TaskAccess.Readers;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (TaskRequests.ParseTop(request.Query, DefaultTop, MaxTop) is not { } top)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", $"top must be a whole number from 1 to {MaxTop}.");
        }

        var list = caller.UserId is { Length: > 0 } me ? await notifications.ListForAsync(me, top, cancellationToken) : [];
        var body = new NotificationListResponse(
            [.. list.Select(n => new NotificationResponse(n.Key, n.TaskId, n.Kind, n.Text, n.Channels, n.Delivery, n.At))]);
        var response = HttpTriggerResponse.Json(200, body, TaskJsonContext.Default.NotificationListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
