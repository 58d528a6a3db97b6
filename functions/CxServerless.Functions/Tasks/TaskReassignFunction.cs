using CxServerless.Functions.Security;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/reassign</c> with <c>{ "to" }</c>: gives the task to a person of the routing file at its current
/// level; the escalation workflow tells them and restarts the level's SLA. 400 naming <c>to</c> when the routing file
/// has no such person; 200 as it is when they have it already; 409 on a closed task.
/// </summary>
public sealed class TaskReassignFunction(
    TaskStore tasks, DurableTaskClient client, IRosterSource rosters, TimeProvider time, HttpFunctionServices services)
    : TaskActionFunction(tasks, client, time, services)
{
    /// <inheritdoc />
    public override string Name => "TaskReassign";

    /// <inheritdoc />
    protected override TaskActionInput? ReadBody(string? body, out string? problem)
    {
        if (!TaskRequests.TryRead(body, TaskJsonContext.Default.TaskReassignRequest, optional: false, "{ \"to\": \"person id\" }",
                out var request, out problem))
        {
            return null;
        }

        var to = request!.To?.Trim();
        if (string.IsNullOrEmpty(to) || to.Length > 128 || !to.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-'))
        {
            problem = "to must be a person id of the routing file: 1 to 128 letters, digits, '.', '_', '@' or '-'.";
            return null;
        }

        return new TaskActionInput(To: to);
    }

    /// <inheritdoc />
    protected override async Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var roster = await rosters.GetAsync(cancellationToken);
        if (roster.Find(input.To!) is not { } person)
        {
            return TaskActionPlan.Invalid($"to: '{input.To}' is not a person in the routing file (version {roster.Version}).");
        }

        if (task.IsClosed)
        {
            return Closed(task);
        }

        if (task.Assignee == person.Id)
        {
            return TaskActionPlan.Nothing;
        }

        // The key names the assignment it replaces, so a retry writes nothing new and a later reassignment back writes again.
        var previous = (task.AssignedAt ?? task.CreatedAt).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = new TimelineEntry($"api-reassign-{person.Id}-{previous}", now, "reassign", by,
            $"reassigned in the inbox by {by} to {person.DisplayName} ({person.Role}, {person.Team})", person.Id);
        return new TaskActionPlan(
            TaskActionOutcome.Apply,
            new TaskAction("reassign", by, To: person.Id),
            t => t.IsClosed ? t : t with { Assignee = person.Id, AssigneeName = person.DisplayName, AssignedAt = now },
            t => t.Assignee == person.Id,
            entry,
            null,
            null);
    }
}
