using CxServerless.Functions.Analytics;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/resolve</c> with <c>{ "resolution", "note"? }</c>: closes the task as resolved (the escalation
/// workflow ends) and records the resolution, masked of personal data, as the closure note. The same resolve by the
/// same person again answers 200 as it is; any other action on the closed task 409. A manual alert has no detector to
/// resolve it, so resolving its task resolves the alert too (<c>resolved: {resolution}</c>); a detected alert resolves
/// when its KPI recovers.
/// </summary>
public sealed class TaskResolveFunction(
    TaskStore tasks, DurableTaskClient client, AlertStore alerts, TimeProvider time, HttpFunctionServices services)
    : TaskActionFunction(tasks, client, time, services)
{
    /// <summary>The timeline key of the inbox's resolution (one per task).</summary>
    public const string EntryKey = "api-resolve";

    /// <inheritdoc />
    public override string Name => "TaskResolve";

    /// <inheritdoc />
    protected override TaskActionInput? ReadBody(string? body, out string? problem)
    {
        const string Shape = "{ \"resolution\": \"…\", \"note\"?: \"…\" }";
        if (!TaskRequests.TryRead(body, TaskJsonContext.Default.TaskResolveRequest, optional: false, Shape, out var request, out problem))
        {
            return null;
        }

        var resolution = TaskRequests.CleanText(request!.Resolution, "resolution", required: true, TaskRequests.MaxNoteLength, out problem);
        if (problem is not null)
        {
            return null;
        }

        var note = TaskRequests.CleanText(request.Note, "note", required: false, TaskRequests.MaxNoteLength, out problem);
        return problem is null ? new TaskActionInput(resolution, note) : null;
    }

    /// <inheritdoc />
    protected override Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var entry = new TimelineEntry(EntryKey, now, "resolve", by,
            $"resolved in the inbox by {by}: {input.Text}" + (input.Note is null ? string.Empty : " (" + input.Note + ")"));
        Func<TaskRecord, TaskRecord> change = t => t.ClosedAs("resolved", input.Text, by, now);
        bool Took(TaskRecord t) => t.Closure == "resolved" && t.ClosedBy == by;
        Func<TaskRecord, CancellationToken, Task>? after = task.Source == "manual"
            ? (t, ct) => alerts.ResolveAsync(t.AlertId, "resolved: " + (t.ClosureNote ?? input.Text), t.ClosedAt ?? now, ct)
            : null;

        var plan = task.IsClosed
            ? task.Closure == "resolved" && task.ClosedBy == by && task.ClosureNote == input.Text
                ? new TaskActionPlan(TaskActionOutcome.Repeat, null, change, Took, entry, after, null)
                : Closed(task)
            : new TaskActionPlan(TaskActionOutcome.Apply, new TaskAction("resolve", by, input.Text), change, Took, entry, after, null);
        return Task.FromResult(plan);
    }
}
