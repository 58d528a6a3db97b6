using CxServerless.Functions.Analytics;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/false-alarm</c> with <c>{ "reason" }</c>: closes the task as a false alarm (the escalation
/// workflow ends), keeps the alert, its rules version, KPI, slice and the masked reason in the <c>FalseAlarms</c>
/// table for recalibration, and resolves the alert (detected or manual) with the resolution <c>false alarm: {reason}</c>.
/// The same call by the same person again answers 200 as it is (and completes what an earlier call left undone); other
/// actions 409.
/// </summary>
public sealed class TaskFalseAlarmFunction(
    TaskStore tasks, DurableTaskClient client, FalseAlarmStore falseAlarms, AlertStore alerts, TimeProvider time,
    HttpFunctionServices services)
    : TaskActionFunction(tasks, client, time, services)
{
    /// <summary>The timeline key of the inbox's false-alarm call (one per task).</summary>
    public const string EntryKey = "api-false-alarm";

    /// <inheritdoc />
    public override string Name => "TaskFalseAlarm";

    /// <inheritdoc />
    /// <remarks>A rules draft is not an alarm: an approval task is rejected by resolving it with "reject".</remarks>
    protected override bool AppliesToApprovals => false;

    /// <inheritdoc />
    protected override TaskActionInput? ReadBody(string? body, out string? problem)
    {
        if (!TaskRequests.TryRead(body, TaskJsonContext.Default.TaskFalseAlarmRequest, optional: false, "{ \"reason\": \"…\" }",
                out var request, out problem))
        {
            return null;
        }

        var reason = TaskRequests.CleanText(request!.Reason, "reason", required: true, TaskRequests.MaxNoteLength, out problem);
        return problem is null ? new TaskActionInput(reason) : null;
    }

    /// <inheritdoc />
    protected override Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var entry = new TimelineEntry(EntryKey, now, "falseAlarm", by, $"marked a false alarm in the inbox by {by}: {input.Text}");
        Func<TaskRecord, TaskRecord> change = t => t.ClosedAs("falseAlarm", input.Text, by, now);
        bool Took(TaskRecord t) => t.Closure == "falseAlarm" && t.ClosedBy == by;
        async Task Record(TaskRecord t, CancellationToken ct)
        {
            await falseAlarms.RecordAsync(t, t.ClosureNote ?? input.Text!, by, t.ClosedAt ?? now, ct);
            await alerts.ResolveAsync(t.AlertId, "false alarm: " + (t.ClosureNote ?? input.Text), t.ClosedAt ?? now, ct);
        }

        var plan = task.IsClosed
            ? task.Closure == "falseAlarm" && task.ClosedBy == by && task.ClosureNote == input.Text
                ? new TaskActionPlan(TaskActionOutcome.Repeat, null, change, Took, entry, Record, null)
                : Closed(task)
            : new TaskActionPlan(TaskActionOutcome.Apply, new TaskAction("falseAlarm", by, input.Text), change, Took, entry, Record, null);
        return Task.FromResult(plan);
    }
}
