using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Approval;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// Base of <c>POST /api/tasks/{id}/{action}</c>: checks the id and body, hides tasks the caller may not see (404), refuses
/// auditors and tasks the caller may not change (403), then carries out the <see cref="TaskActionPlan"/> the action
/// decides: the <c>taskAction</c> event to the task's escalation workflow, then the task row, the timeline entry and
/// any other record. Every call is audited. Answers the task and its timeline, the same for a repeated action.
/// </summary>
/// <param name="tasks">The Tasks read model.</param>
/// <param name="client">The durable task client.</param>
/// <param name="time">The clock.</param>
/// <param name="services">The HTTP function services.</param>
public abstract class TaskActionFunction(TaskStore tasks, DurableTaskClient client, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    private static readonly HashSet<string> RulesApprovers = new(StringComparer.Ordinal) { CxRoles.OpsAdmin };

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TaskAccess.Actors;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <summary>
    /// Whether the action applies to a rules approval task (source <c>approval</c>); false answers 409. Whatever it is,
    /// only an OpsAdmin acts on such a task: resolving it activates a rules version.
    /// </summary>
    protected virtual bool AppliesToApprovals => true;

    /// <summary>Reads and checks the body; null with the problem when it is unusable.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="problem">Why it is unusable.</param>
    /// <returns>The checked input, masked of personal data.</returns>
    protected abstract TaskActionInput? ReadBody(string? body, out string? problem);

    /// <summary>Decides what the action does to <paramref name="task"/>.</summary>
    /// <param name="task">The task as read.</param>
    /// <param name="input">The checked input.</param>
    /// <param name="by">Who acts (their user id).</param>
    /// <param name="now">The time of the action.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan.</returns>
    protected abstract Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The answer to an action on a closed task.</summary>
    /// <param name="task">The closed task.</param>
    /// <returns>A conflict.</returns>
    protected static TaskActionPlan Closed(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return TaskActionPlan.Conflict($"Task '{task.TaskId}' is closed ({task.Closure ?? task.Status}); it takes no more actions.");
    }

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Params.GetValueOrDefault("id");
        if (TaskRequests.CheckTaskId(id) is { } idProblem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid task id", idProblem);
        }

        if (TaskRequests.IsTooLarge(request.Body))
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {TaskRequests.MaxBodyBytes / 1024} KiB.");
        }

        if (ReadBody(request.Body, out var bodyProblem) is not { } input)
        {
            return HttpTriggerResponse.Problem(400, "Invalid body", bodyProblem!);
        }

        var task = await tasks.GetAsync(id!, cancellationToken);
        if (task is null || !TaskAccess.CanSee(caller.Subject, task.Team, task.Assignee))
        {
            // A task the caller may not see answers exactly as one that does not exist.
            return NotFound(id!);
        }

        if (!TaskAccess.CanAct(caller.Subject, task.Team, task.Assignee))
        {
            return HttpTriggerResponse.Problem(403, "Forbidden", $"You may read task '{id}' but not change it.");
        }

        if (task.Source == RulesApprovalRequest.Source)
        {
            if (!caller.IsInAnyRole(RulesApprovers))
            {
                return HttpTriggerResponse.Problem(403, "Forbidden", $"Only an OpsAdmin decides rules approval task '{id}'.");
            }

            if (!AppliesToApprovals)
            {
                return HttpTriggerResponse.Problem(409, "Conflict",
                    $"Task '{id}' is a rules approval: resolve it to approve, or resolve it with a resolution starting \"reject\".");
            }
        }

        var by = caller.PersonId;
        var now = time.GetUtcNow();
        var plan = await PlanAsync(task, input, by, now, cancellationToken);
        switch (plan.Outcome)
        {
            case TaskActionOutcome.Conflict:
                return HttpTriggerResponse.Problem(409, "Conflict", plan.Detail!);
            case TaskActionOutcome.Invalid:
                return HttpTriggerResponse.Problem(400, "Invalid body", plan.Detail!);
            case TaskActionOutcome.Apply when plan.Event is { } action:
                var state = await client.GetInstanceAsync(task.InstanceId, cancellationToken);
                if (state is null || state.IsCompleted)
                {
                    return HttpTriggerResponse.Problem(409, "Conflict",
                        $"The escalation workflow of task '{id}' has {(state is null ? "gone" : $"ended ({state.RuntimeStatus})")}; " +
                        "the task can no longer change.");
                }

                // The event goes first, the row second. A crash between the two leaves the row as it was, so the
                // caller's retry finds the task unchanged and raises the event again, which the workflow shrugs off
                // (it ignores a second acknowledge; a resolve it took has closed the row, so the retry finds it done).
                // The other order could leave a row that says "acknowledged" while the workflow never heard of it: a
                // retry would see nothing to do, and the task would go on escalating behind the inbox's back.
                await client.RaiseEventAsync(task.InstanceId, TaskAction.EventName, action, cancellationToken);
                break;
            default:
                break;
        }

        var updated = await tasks.UpdateAsync(task.TaskId, plan.Change, cancellationToken);
        if (updated is null)
        {
            return NotFound(id!);
        }

        if (!plan.Took(updated))
        {
            return HttpTriggerResponse.Problem(409, "Conflict",
                $"Task '{id}' changed meanwhile (now {updated.Closure ?? updated.Status}); read it again before acting.");
        }

        if (plan.Entry is { } entry)
        {
            await tasks.AppendAsync(task.TaskId, entry, cancellationToken);
        }

        if (plan.After is { } after)
        {
            await after(updated, cancellationToken);
        }

        var timeline = await tasks.TimelineAsync(task.TaskId, cancellationToken);
        return HttpTriggerResponse.Json(200, TaskRequests.ToDetail(updated, timeline, caller), TaskJsonContext.Default.TaskDetailResponse);
    }

    private static HttpTriggerResponse NotFound(string id) => HttpTriggerResponse.Problem(404, "Not found", $"Task '{id}' does not exist.");
}
