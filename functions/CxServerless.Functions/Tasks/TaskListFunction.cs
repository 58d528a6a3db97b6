using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>GET /api/tasks?status=open|acknowledged|resolved|active|all&amp;mine=true&amp;team=&amp;alertId=&amp;top=&amp;continuationToken=</c>:
/// the tasks the caller sees (an agent theirs, a team lead their team's and theirs, everyone else all), newest first,
/// <c>top</c> (1–200, default 50) at a time. Every role; every call is audited.
/// </summary>
/// <remarks>
/// <c>active</c> is open and acknowledged together; the default is <c>all</c>. The continuation token is opaque to
/// callers: it encodes the creation time and id of the last task of the page, and the next page starts after that
/// key, so tasks created meanwhile neither repeat nor shift a page. The Tasks partition is read whole per call, which
/// suits the thousands of tasks a contact centre keeps, not millions (retention keeps it small).
/// </remarks>
public sealed class TaskListFunction(TaskStore tasks, HttpFunctionServices services) : HttpFunction(services)
{
    private const int DefaultTop = 50;
    private const int MaxTop = 200;

    private static readonly string[] Statuses = ["open", "acknowledged", "resolved", "active", "all"];

    /// <inheritdoc />
    public override string Name => "TaskList";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TaskAccess.Readers;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ParseQuery(request.Query, caller, out var problem) is not { } filter)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        var matching = (await tasks.ListAsync(cancellationToken))
            .Where(t => TaskAccess.CanSee(caller.Subject, t.Team, t.Assignee) && filter.Matches(t))
            .Where(t => filter.After is not { } key || TaskRequests.IsAfter(t, key))
            .Take(filter.Top + 1)
            .ToList();
        var page = matching.Take(filter.Top).ToList();
        var token = matching.Count > filter.Top ? TaskRequests.EncodeToken(page[^1]) : null;
        var body = new TaskListResponse(TaskRequests.Viewer(caller), [.. page.Select(t => TaskRequests.ToResponse(t, caller))], token);
        var response = HttpTriggerResponse.Json(200, body, TaskJsonContext.Default.TaskListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    private static TaskFilter? ParseQuery(IReadOnlyDictionary<string, string> query, CallerPrincipal caller, out string? problem)
    {
        problem = null;
        var status = query.GetValueOrDefault("status") is { Length: > 0 } s ? s.ToLowerInvariant() : "all";
        if (!Statuses.Contains(status))
        {
            problem = "status must be one of " + string.Join(", ", Statuses) + ".";
            return null;
        }

        var mine = query.GetValueOrDefault("mine") ?? string.Empty;
        if (mine is not ("" or "true" or "false"))
        {
            problem = "mine must be true or false.";
            return null;
        }

        var team = query.GetValueOrDefault("team") is { Length: > 0 } t ? t : null;
        if (team is not null && (team.Length > 64 || !team.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problem = "team must be 1 to 64 letters, digits, '-', '_' or '.'.";
            return null;
        }

        var alertId = query.GetValueOrDefault("alertId") is { Length: > 0 } a ? a : null;
        if (alertId is not null && (alertId.Length > 128 || !alertId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problem = "alertId must be 1 to 128 letters, digits, '-' or '_'.";
            return null;
        }

        if (TaskRequests.ParseTop(query, DefaultTop, MaxTop) is not { } top)
        {
            problem = $"top must be a whole number from 1 to {MaxTop}.";
            return null;
        }

        (long, string)? after = null;
        if (query.GetValueOrDefault("continuationToken") is { Length: > 0 } c)
        {
            if (!TaskRequests.TryDecodeToken(c, out var key))
            {
                problem = "continuationToken is not one this API issued.";
                return null;
            }

            after = key;
        }

        return new TaskFilter(status, mine == "true" ? caller.UserId ?? string.Empty : null, team, alertId, top, after);
    }

    /// <summary>The query's filters.</summary>
    private sealed record TaskFilter(
        string Status, string? Assignee, string? Team, string? AlertId, int Top, (long Ticks, string TaskId)? After)
    {
        public bool Matches(TaskRecord task) =>
            Status switch
            {
                "all" => true,
                "active" => !task.IsClosed,
                _ => task.Status == Status,
            }
            && (Assignee is null || task.Assignee == Assignee)
            && (Team is null || task.Team == Team)
            && (AlertId is null || task.AlertId == AlertId);
    }
}
