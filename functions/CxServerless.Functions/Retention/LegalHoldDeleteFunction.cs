using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Retention;

/// <summary>
/// <c>DELETE /api/ops/legal-holds/{kind}/{id}</c> (OpsAdmin): lifts a legal hold; the next retention sweep deletes what it
/// protected once due. 204 when lifted, 404 when there was none. Audited.
/// </summary>
public sealed class LegalHoldDeleteFunction(LegalHoldStore holds, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "LegalHoldDelete";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RetentionRoles.Manage;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Params.GetValueOrDefault("kind");
        var id = request.Params.GetValueOrDefault("id");
        if (LegalHoldKinds.Check(kind, id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid legal hold", problem);
        }

        return await holds.LiftAsync(kind!, id!, cancellationToken)
            ? new HttpTriggerResponse(204, string.Empty)
            : HttpTriggerResponse.Problem(404, "Not found", $"There is no {kind} hold on '{id}'.");
    }
}
