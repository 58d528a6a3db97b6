using System.Globalization;
using System.Text.Json;
using CxServerless.Durable.Client;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>GET /api/workflows?status=&amp;from=&amp;to=&amp;top=</c>: instances by status and creation time, from the index.
/// Roles OpsAdmin, Supervisor and Auditor; every read is audited.
/// </summary>
public sealed class WorkflowListFunction(WorkflowClient client, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "WorkflowList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => WorkflowAdminRoles.Allowed;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = ParseQuery(request.Query, out var problem);
        if (query is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        var found = await client.QueryAsync(query, cancellationToken);
        return HttpTriggerResponse.Json(200, JsonSerializer.SerializeToNode(new { instances = found }, WorkflowJson.Options)!);
    }

    private static WorkflowQuery? ParseQuery(IReadOnlyDictionary<string, string> query, out string? problem)
    {
        problem = null;
        WorkflowStatus? status = null;
        if (query.TryGetValue("status", out var s) && s.Length > 0)
        {
            if (!Enum.TryParse<WorkflowStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                problem = $"status must be one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}.";
                return null;
            }

            status = parsed;
        }

        var from = ParseTime(query, "from", ref problem);
        var to = ParseTime(query, "to", ref problem);
        var top = 100;
        if (query.TryGetValue("top", out var t) && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > 1000))
        {
            problem ??= "top must be a whole number from 1 to 1000.";
        }

        return problem is null ? new WorkflowQuery(status, from, to, top) : null;
    }

    private static DateTimeOffset? ParseTime(IReadOnlyDictionary<string, string> query, string name, ref string? problem)
    {
        if (!query.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        problem ??= $"{name} must be an ISO 8601 time, for example 2026-01-31T00:00:00Z.";
        return null;
    }
}
