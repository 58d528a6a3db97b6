using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>GET /api/tasks/{id}</c>: a task and its timeline, oldest entry first. Every role, for the tasks it sees; any other
/// task answers 404 exactly like one that does not exist. Every call is audited.
/// </summary>
public sealed class TaskGetFunction(TaskStore tasks, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "TaskGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TaskAccess.Readers;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Params.GetValueOrDefault("id");
        if (TaskRequests.CheckTaskId(id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid task id", problem);
        }

        var task = await tasks.GetAsync(id!, cancellationToken);
        if (task is null || !TaskAccess.CanSee(caller.Subject, task.Team, task.Assignee))
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Task '{id}' does not exist.");
        }

        var timeline = await tasks.TimelineAsync(task.TaskId, cancellationToken);
        var detail = TaskRequests.ToDetail(task, timeline, caller);
        var response = HttpTriggerResponse.Json(200, detail, TaskJsonContext.Default.TaskDetailResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
