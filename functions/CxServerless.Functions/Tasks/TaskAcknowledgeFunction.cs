using CxServerless.Functions.Security;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/acknowledge</c> with an optional <c>{ "note" }</c>: tells the escalation workflow someone is on
/// the task (its acknowledgement SLA stops; the resolution SLA starts) and marks the task acknowledged at once. An
/// acknowledged task answers 200 as it is, raising nothing; a closed one 409.
/// </summary>
public sealed class TaskAcknowledgeFunction(TaskStore tasks, DurableTaskClient client, TimeProvider time, HttpFunctionServices services)
    : TaskActionFunction(tasks, client, time, services)
{
    /// <summary>The timeline key of the inbox's acknowledgement (one per task).</summary>
    public const string EntryKey = "api-acknowledge";

    /// <inheritdoc />
    public override string Name => "TaskAcknowledge";

    /// <inheritdoc />
    protected override TaskActionInput? ReadBody(string? body, out string? problem)
    {
        if (!TaskRequests.TryRead(body, TaskJsonContext.Default.TaskAcknowledgeRequest, optional: true, "{ \"note\"?: \"…\" }",
                out var request, out problem))
        {
            return null;
        }

        var note = TaskRequests.CleanText(request?.Note, "note", required: false, TaskRequests.MaxNoteLength, out problem);
        return problem is null ? new TaskActionInput(Note: note) : null;
    }

    /// <inheritdoc />
    protected override Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var entry = new TimelineEntry(EntryKey, now, "acknowledge", by,
            $"acknowledged in the inbox by {by}" + (input.Note is null ? string.Empty : ": " + input.Note));
        Func<TaskRecord, TaskRecord> change = t => t.IsClosed || t.Status != TaskStatuses.Open ? t : t with
        {
            Status = TaskStatuses.Acknowledged,
            AcknowledgedBy = by,
            AcknowledgedAt = now,
        };
        static bool Took(TaskRecord t) => t.Status == TaskStatuses.Acknowledged;

        var plan = task switch
        {
            { IsClosed: true } => Closed(task),

            // Acknowledged by this caller before: only repair the entry a crash may have left out.
            { Status: TaskStatuses.Acknowledged } when task.AcknowledgedBy == by =>
                new TaskActionPlan(TaskActionOutcome.Repeat, null, change, Took, entry, null, null),
            { Status: TaskStatuses.Acknowledged } => TaskActionPlan.Nothing,
            _ => new TaskActionPlan(
                TaskActionOutcome.Apply, new TaskAction("acknowledge", by, input.Note), change, Took, entry, null, null),
        };
        return Task.FromResult(plan);
    }
}
