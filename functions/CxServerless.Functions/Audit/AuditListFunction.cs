using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Audit;

/// <summary>
/// <c>GET /api/audit?from=&amp;to=&amp;actor=&amp;action=&amp;top=&amp;continuationToken=</c>: the audit trail, newest first,
/// a page at a time. Roles Auditor and OpsAdmin; every call is itself audited. The trail is append-only: no route
/// changes or deletes an entry (only the retention sweep removes days older than <c>Retention__AuditDays</c>).
/// </summary>
public sealed class AuditListFunction(AuditLog audit, TimeProvider time, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "AuditList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CxRoles.Auditor, CxRoles.OpsAdmin,
    };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, problem) = AuditQuery.Parse(request.Query, time.GetUtcNow());
        if (query is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        var page = await audit.ReadPageAsync(query, cancellationToken);
        var response = HttpTriggerResponse.Json(200, page, AuditJsonContext.Default.AuditListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
