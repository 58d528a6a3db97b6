using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c> (every role): the live dashboard page. What it shows is decided by the APIs it reads, which
/// scope every figure to the caller's role and team. Every view is audited.
/// </summary>
public sealed class DashboardFunction(HttpFunctionServices services, DashboardPage page) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "Dashboard";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(CxRoles.All);

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
