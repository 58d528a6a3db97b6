using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Escalation;

/// <summary>
/// Records what the orchestrator decided on the task: a reminder (with a notification to the assignee), an
/// acknowledgement, an SLA breach past the last level, or the closing of the task. Idempotent per step.
/// </summary>
[DurableTask(nameof(RecordTaskChange))]
public sealed class RecordTaskChange(TaskStore tasks, NotificationStore notifications, TimeProvider time) : TaskActivity<TaskChange, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, TaskChange input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        var key = AssignEscalationLevel.StepKey(input.Step);
        var note = input.Note is null ? null : PiiMasker.Mask(input.Note);
        var task = input.Kind switch
        {
            "acknowledged" => await tasks.UpdateAsync(input.TaskId, t => t.IsClosed ? t : t with
            {
                Status = TaskStatuses.Acknowledged,
                AcknowledgedBy = t.AcknowledgedBy ?? input.By,
                AcknowledgedAt = t.AcknowledgedAt ?? now,
                DueAt = input.DueAt,
            }, ct),
            "slaBreached" => await tasks.UpdateAsync(input.TaskId, t => t.IsClosed ? t : t with { SlaBreached = true, DueAt = null }, ct),
            "resolved" or "falseAlarm" or "alertResolved" =>
                await tasks.UpdateAsync(input.TaskId, t => t.ClosedAs(input.Kind, note, input.By, now), ct),
            _ => await tasks.GetAsync(input.TaskId, ct),
        };
        var text = input.Kind switch
        {
            "reminded" => $"reminder sent: {note}",
            "acknowledged" => $"acknowledged by {input.By}{Suffix(note)}",
            "slaBreached" => "SLA breached: the last level's SLA lapsed; the task stays open",
            "resolved" => $"resolved by {input.By}{Suffix(note)}",
            "falseAlarm" => $"marked a false alarm by {input.By}{Suffix(note)}",
            "alertResolved" => $"closed: the alert resolved by itself{Suffix(note)}",
            _ => input.Kind,
        };
        await tasks.AppendAsync(input.TaskId, new TimelineEntry(key, now, input.Kind, input.By, text, input.PersonId), ct);
        EscalationMetrics.RecordTaskChange(input.Kind);
        if (input.Kind is "reminded" or "slaBreached" && (input.PersonId ?? task?.Assignee) is { } recipient)
        {
            IReadOnlyList<string> channels = input.Channels is { Count: > 0 } levelChannels ? levelChannels : ["inbox"];
            await notifications.AddIfAbsentAsync(new NotificationRecord(
                recipient, AssignEscalationLevel.NotificationKey(input.TaskId, input.Step), input.TaskId, input.Kind,
                $"{task?.Title ?? input.TaskId}: {text}", channels, DeliveryText.Initial(channels), now), ct);
        }

        return true;
    }

    private static string Suffix(string? note) => string.IsNullOrWhiteSpace(note) ? string.Empty : ": " + note;
}
