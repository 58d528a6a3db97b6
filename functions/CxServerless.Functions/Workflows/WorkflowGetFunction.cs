using System.Text.Json.Nodes;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>GET /api/workflows/{id}?history=true</c>: one instance's status, input, output, custom status and failure, and
/// with <c>history=true</c> the history of its current execution. Roles OpsAdmin and Auditor; every call is audited.
/// </summary>
public sealed class WorkflowGetFunction(AzureStorageDurableTaskClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "WorkflowGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => WorkflowAdminRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Params.GetValueOrDefault("id");
        if (WorkflowRequests.CheckInstanceId(id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid instance id", problem);
        }

        var history = request.Query.GetValueOrDefault("history");
        if (history is not (null or "" or "true" or "false"))
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", "history must be true or false.");
        }

        var state = await client.GetInstanceAsync(id!, getInputsAndOutputs: true, cancellationToken);
        if (state is null)
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.");
        }

        var events = history == "true" ? JsonNode.Parse(await client.GetHistoryJsonAsync(id!, cancellationToken)) : null;
        return HttpTriggerResponse.Json(
            200, WorkflowRequests.ToResponse(state, events), WorkflowJsonContext.Default.WorkflowInstanceResponse);
    }
}
