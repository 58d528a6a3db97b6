using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// What an inbox action does to a task, decided from the task as read: raise an event to the escalation workflow, change
/// the task row, append a timeline entry and perhaps record more (a false alarm). A repeat does the same minus the event.
/// </summary>
/// <param name="Outcome">
/// Apply, Repeat (already done: no event; the writes repair a half-finished earlier call), Conflict or Invalid.
/// </param>
/// <param name="Event">The <c>taskAction</c> event to raise, or null (comments).</param>
/// <param name="Change">The change to the task row (ETag-guarded); returning the row unchanged writes nothing.</param>
/// <param name="Took">Whether the row after the change shows the action (false: someone else changed the task first).</param>
/// <param name="Entry">The timeline entry, keyed by the action so that a repeat writes nothing.</param>
/// <param name="After">What else to record once the row shows the action (idempotent), or null.</param>
/// <param name="Detail">Why a conflict or invalid input, for the problem response.</param>
public sealed record TaskActionPlan(
    TaskActionOutcome Outcome,
    TaskAction? Event,
    Func<TaskRecord, TaskRecord> Change,
    Func<TaskRecord, bool> Took,
    TimelineEntry? Entry,
    Func<TaskRecord, CancellationToken, Task>? After,
    string? Detail)
{
    /// <summary>Refuses the action: the task's state does not allow it (409).</summary>
    public static TaskActionPlan Conflict(string detail) => new(TaskActionOutcome.Conflict, null, t => t, _ => false, null, null, detail);

    /// <summary>Refuses the action: its input does not fit the task (400).</summary>
    public static TaskActionPlan Invalid(string detail) => new(TaskActionOutcome.Invalid, null, t => t, _ => false, null, null, detail);

    /// <summary>Already done: answers with the task as it is, raising nothing and writing nothing.</summary>
    public static TaskActionPlan Nothing { get; } = new(TaskActionOutcome.Repeat, null, t => t, _ => true, null, null, null);
}
