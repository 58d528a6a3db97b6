using System.Text.RegularExpressions;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Escalation;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Rules;

/// <summary>
/// <c>POST /api/rules/{version}/activate</c>: makes a version active, retiring the one it replaces. Activates a draft,
/// or rolls back to a retired version. 200 when active afterwards (also when it already was), 400 for a malformed
/// version, 404 for an unknown one, 409 for an expired draft or a version that watches other things than the deployed
/// file. OpsAdmin; audited with the outcome. A draft waiting for approval is approved by this call: its approval
/// workflow is told, so its inbox task closes.
/// </summary>
public sealed partial class RulesActivateFunction(
    RulesVersionStore versions, DurableTaskClient client, AuditLog audit, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "RulesActivate";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RulesRoles.Manage;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var version = request.Params.GetValueOrDefault("version");
        if (version is null || !VersionPattern().IsMatch(version))
        {
            return HttpTriggerResponse.Problem(400, "Invalid version", "version must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        var result = await versions.ActivateAsync(version, caller.PersonId, cancellationToken);
        var was = result.Previous is { } p ? $" (was {p})" : string.Empty;
        await audit.WriteAsync(caller, "rules activate", version, result.Outcome + was, cancellationToken);
        switch (result.Outcome)
        {
            case RulesActivation.NotFound:
                return HttpTriggerResponse.Problem(404, "Not found", result.Detail!);
            case RulesActivation.Expired or RulesActivation.Incompatible:
                return HttpTriggerResponse.Problem(409, "Conflict", result.Detail!);
            default:
                break;
        }

        if (result.Record?.ApprovalInstanceId is { } instance
            && await client.GetInstanceAsync(instance, cancellationToken) is { IsCompleted: false })
        {
            await client.RaiseEventAsync(
                instance, TaskAction.EventName, new TaskAction("resolve", caller.PersonId, "approved through POST /api/rules"),
                cancellationToken);
        }

        return HttpTriggerResponse.Json(
            200, new RulesActivateResponse(version, result.Previous, result.Outcome), RulesJsonContext.Default.RulesActivateResponse);
    }
}
