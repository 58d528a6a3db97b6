using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>DELETE /api/workflows/{id}</c>: purges a finished instance (its state, history and large payloads) through the
/// framework's purge. Role OpsAdmin; every call is audited. 404 for an unknown instance, 409 for one still running.
/// </summary>
public sealed class WorkflowPurgeFunction(DurableTaskClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "WorkflowPurge";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => WorkflowAdminRoles.Manage;

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

        var state = await client.GetInstanceAsync(id!, cancellationToken);
        if (state is null)
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.");
        }

        if (!state.IsCompleted)
        {
            return HttpTriggerResponse.Problem(
                409, "Conflict", $"Workflow instance '{id}' is {state.RuntimeStatus}; terminate it before purging.");
        }

        var result = await client.PurgeInstanceAsync(id!, cancellation: cancellationToken);
        var detail = result.PurgedInstanceCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return HttpTriggerResponse.Json(
            200, new WorkflowActionResponse(id!, "purged", detail), WorkflowJsonContext.Default.WorkflowActionResponse);
    }
}
