using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>POST /api/workflows/{id}/events/{name}</c> with a JSON body (the event's payload; empty means null): raises an
/// external event to a running instance, with personal data in its strings masked. Role OpsAdmin; every call is audited.
/// 404 for an unknown instance, 409 for a finished one, 413 for a body over 64 KiB.
/// </summary>
public sealed class WorkflowRaiseEventFunction(DurableTaskClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "WorkflowRaiseEvent";

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
        var name = request.Params.GetValueOrDefault("name");
        if ((WorkflowRequests.CheckInstanceId(id) ?? WorkflowRequests.CheckEventName(name)) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid request", problem);
        }

        if (WorkflowRequests.IsTooLarge(request.Body))
        {
            return HttpTriggerResponse.Problem(
                413, "Payload too large", $"The event payload is over {WorkflowRequests.MaxBodyBytes / 1024} KiB.");
        }

        if (!WorkflowRequests.TryParseJson(request.Body, out var payload, out var bodyProblem))
        {
            return HttpTriggerResponse.Problem(400, "Invalid body", bodyProblem!);
        }

        var state = await client.GetInstanceAsync(id!, cancellationToken);
        if (state is null)
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.");
        }

        if (state.IsCompleted)
        {
            return HttpTriggerResponse.Problem(
                409, "Conflict", $"Workflow instance '{id}' is {state.RuntimeStatus}; it takes no more events.");
        }

        await client.RaiseEventAsync(id!, name!, WorkflowRequests.MaskStrings(payload), cancellationToken);
        return HttpTriggerResponse.Json(
            202, new WorkflowActionResponse(id!, "eventRaised", name!), WorkflowJsonContext.Default.WorkflowActionResponse);
    }
}
