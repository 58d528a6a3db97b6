using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Retention;

/// <summary><c>GET /api/ops/legal-holds</c> (OpsAdmin, Auditor): every legal hold in force. Audited.</summary>
public sealed class LegalHoldListFunction(LegalHoldStore holds, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "LegalHoldList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RetentionRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var list = await holds.ListAsync(cancellationToken);
        var response = HttpTriggerResponse.Json(200, new LegalHoldListResponse(list), RetentionJsonContext.Default.LegalHoldListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
