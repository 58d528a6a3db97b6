using System.Text.Json;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>POST /api/workflows/{id}/terminate</c> with <c>{ "reason" }</c>: terminates a running instance; the reason, masked
/// of personal data, becomes its output. Role OpsAdmin; every call is audited. 404 for an unknown instance, 409 for a
/// finished one, 413 for a body over 64 KiB.
/// </summary>
public sealed class WorkflowTerminateFunction(DurableTaskClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 1000;

    /// <inheritdoc />
    public override string Name => "WorkflowTerminate";

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

        if (WorkflowRequests.IsTooLarge(request.Body))
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {WorkflowRequests.MaxBodyBytes / 1024} KiB.");
        }

        if (ReadReason(request.Body, out var reasonProblem) is not { } reason)
        {
            return HttpTriggerResponse.Problem(400, "Invalid body", reasonProblem!);
        }

        var state = await client.GetInstanceAsync(id!, cancellationToken);
        if (state is null)
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Workflow instance '{id}' does not exist.");
        }

        if (state.IsCompleted)
        {
            return HttpTriggerResponse.Problem(409, "Conflict", $"Workflow instance '{id}' is already {state.RuntimeStatus}.");
        }

        await client.TerminateInstanceAsync(id!, reason, cancellationToken);
        return HttpTriggerResponse.Json(
            202, new WorkflowActionResponse(id!, "terminating", reason), WorkflowJsonContext.Default.WorkflowActionResponse);
    }

    private static string? ReadReason(string? body, out string? problem)
    {
        problem = "The body must be JSON: { \"reason\": \"why the instance is terminated\" }.";
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        WorkflowTerminateRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, WorkflowJsonContext.Default.WorkflowTerminateRequest);
        }
        catch (JsonException)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(parsed?.Reason) || parsed.Reason.Length > MaxReasonLength)
        {
            problem = $"reason is required, at most {MaxReasonLength} characters.";
            return null;
        }

        problem = null;
        return PiiMasker.Mask(parsed.Reason.Trim());
    }
}
