using System.Globalization;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>GET /api/workflows?status=&amp;name=&amp;createdFrom=&amp;createdTo=&amp;top=&amp;continuationToken=</c>: instances by
/// status (one or a comma-separated list), orchestrator name and creation time, a page at a time. Roles OpsAdmin and
/// Auditor; every call is audited.
/// </summary>
/// <remarks>
/// The task hub's instance table is queried by status and creation time; the name filter applies to each page, so a
/// page may hold fewer than <c>top</c> instances while a continuation token still leads to more.
/// </remarks>
public sealed class WorkflowListFunction(DurableTaskClient client, HttpFunctionServices services) : HttpFunction(services)
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    /// <inheritdoc />
    public override string Name => "WorkflowList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => WorkflowAdminRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, name, problem) = ParseQuery(request.Query);
        if (query is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        Page<OrchestrationMetadata>? page;
        try
        {
            page = await FirstPageAsync(query, cancellationToken);
        }
        catch (Exception ex) when (query.ContinuationToken is not null && ex is not OperationCanceledException)
        {
            // The provider decodes the token itself; a token it did not issue fails there.
            Services.Logger.LogWarning("WorkflowList refused a continuation token ({ErrorType})", ex.GetType().Name);
            return HttpTriggerResponse.Problem(400, "Invalid query", "continuationToken is not one this API issued.");
        }

        var instances = (page?.Values ?? [])
            .Where(i => name is null || string.Equals(i.Name, name, StringComparison.Ordinal))
            .Select(i => WorkflowRequests.ToResponse(i))
            .ToList();
        return HttpTriggerResponse.Json(
            200,
            new WorkflowListResponse(instances, WorkflowRequests.EncodeToken(page?.ContinuationToken)),
            WorkflowJsonContext.Default.WorkflowListResponse);
    }

    private async Task<Page<OrchestrationMetadata>?> FirstPageAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetAllInstancesAsync(query)
            .AsPages(query.ContinuationToken, query.PageSize)
            .WithCancellation(cancellationToken))
        {
            return page;
        }

        return null;
    }

    private static (OrchestrationQuery? Query, string? Name, string? Problem) ParseQuery(IReadOnlyDictionary<string, string> query)
    {
        List<OrchestrationRuntimeStatus>? statuses = null;
        if (query.TryGetValue("status", out var s) && s.Length > 0)
        {
            statuses = [];
            foreach (var part in s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                    || int.TryParse(part, CultureInfo.InvariantCulture, out _))
                {
                    var names = string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>());
                    return (null, null, $"status must be one or more of {names}, comma-separated.");
                }

                statuses.Add(parsed);
            }
        }

        string? problem = null;
        var from = ParseTime(query, "createdFrom", ref problem);
        var to = ParseTime(query, "createdTo", ref problem);
        var top = DefaultTop;
        if (query.TryGetValue("top", out var t)
            && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            problem ??= $"top must be a whole number from 1 to {MaxTop}.";
        }

        var name = query.GetValueOrDefault("name") is { Length: > 0 } n ? n : null;
        if (name is { Length: > 256 })
        {
            problem ??= "name is longer than 256 characters.";
        }

        string? token = null;
        if (query.GetValueOrDefault("continuationToken") is { Length: > 0 } c
            && (c.Length > 4096 || !WorkflowRequests.TryDecodeToken(c, out token)))
        {
            problem ??= "continuationToken is not one this API issued.";
        }

        if (from is not null && to is not null && from > to)
        {
            problem ??= "createdFrom is after createdTo.";
        }

        return problem is null
            ? (new OrchestrationQuery(from, to, statuses, PageSize: top, ContinuationToken: token), name, null)
            : (null, null, problem);
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
