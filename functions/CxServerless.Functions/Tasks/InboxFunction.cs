using CxServerless.Domain.Access;
using CxServerless.Functions.Dashboard;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>GET /api/inbox?alertId=</c> (every role): the task inbox page, with the dashboard's strict Content-Security-Policy.
/// What it shows comes from the task API, which scopes every task to the caller. Every view is audited.
/// </summary>
public sealed class InboxFunction(HttpFunctionServices services, InboxPage page) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "Inbox";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TaskAccess.Readers;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new HttpTriggerResponse(200, page.Render(request.Url), "text/html; charset=utf-8");
        response.Headers["Content-Security-Policy"] = DashboardPage.ContentSecurityPolicy;
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        return Task.FromResult(response);
    }
}
