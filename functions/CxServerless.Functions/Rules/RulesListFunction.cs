using System.Text.Json;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Rules;

/// <summary>
/// <c>GET /api/rules</c>: every stored rules version, newest first, with its status (active, draft, retired, expired),
/// when and by whom it was activated or expired, and a recalibration draft's report. OpsAdmin and Auditor; audited.
/// </summary>
public sealed class RulesListFunction(ActiveRules active, RulesVersionStore versions, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "RulesList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RulesRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var current = await active.GetAsync(cancellationToken);
        var list = await versions.ListAsync(cancellationToken);
        var views = list.Select(r => new RulesVersionView(
            r.Version, r.Status, r.Source, r.BaseVersion, r.CreatedAt, r.ActivatedAt, r.RetiredAt, r.ExpiredAt, r.DecidedBy,
            r.ApprovalInstanceId,
            r.Report is { } report ? JsonSerializer.Deserialize(report, RulesJsonContext.Default.RecalibrationReport) : null)).ToList();
        var response = HttpTriggerResponse.Json(
            200, new RulesListResponse(current.Version, views), RulesJsonContext.Default.RulesListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
