using System.Text.Json;
using CxServerless.Durable.Client;
using CxServerless.Durable.Storage;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary><c>GET /api/workflows/{id}</c>: one instance's status, input, output, custom status and history.</summary>
public sealed class WorkflowGetFunction(WorkflowClient client) : IFunctionHandler
{
    /// <inheritdoc />
    public string Name => "WorkflowGet";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var http = HttpTriggerRequest.TryRead(request, "req", out var error);
        if (http is null)
        {
            return HttpTriggerResponse.Problem(400, "Bad request", error!).ToResult();
        }

        if (WorkflowAdminAccess.Deny(http) is { } denied)
        {
            return denied.ToResult();
        }

        var id = http.Params.GetValueOrDefault("id");
        if (KeyRules.Check(id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid instance id", $"The instance id {problem}.").ToResult();
        }

        var state = await client.GetStatusAsync(id!, includeHistory: true, cancellationToken);
        return state is null
            ? HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.").ToResult()
            : HttpTriggerResponse.Json(200, JsonSerializer.SerializeToNode(state, WorkflowJson.Options)!).ToResult();
    }
}
