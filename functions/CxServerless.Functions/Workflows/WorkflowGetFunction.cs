using System.Text.Json;
using CxServerless.Durable.Client;
using CxServerless.Durable.Storage;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>GET /api/workflows/{id}</c>: one instance's status, input, output, custom status, failure and current history.
/// Roles OpsAdmin, Supervisor and Auditor; every read is audited.
/// </summary>
public sealed class WorkflowGetFunction(WorkflowClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "WorkflowGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => WorkflowAdminRoles.Allowed;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Params.GetValueOrDefault("id");
        if (KeyRules.Check(id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid instance id", $"The instance id {problem}.");
        }

        var state = await client.GetStatusAsync(id!, includeHistory: true, cancellationToken);
        return state is null
            ? HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.")
            : HttpTriggerResponse.Json(200, JsonSerializer.SerializeToNode(state, WorkflowJson.Options)!);
    }
}
