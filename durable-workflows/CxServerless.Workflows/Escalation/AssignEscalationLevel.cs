using System.Globalization;
using CxServerless.Domain.Escalation;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Escalation;

/// <summary>
/// Gives the task to the level's assignee (picked by the roster's assignment policy, or named by a reassignment),
/// records it on the timeline and notifies the assignee. Idempotent: the step's timeline entry records who was
/// picked, so a re-run assigns the same person and stores nothing twice. The notification is stored with its channels
/// beyond the inbox <c>pending</c>; the orchestrator then calls <see cref="DeliverNotification"/>.
/// </summary>
[DurableTask(nameof(AssignEscalationLevel))]
public sealed class AssignEscalationLevel(TaskStore tasks, NotificationStore notifications, IRosterSource rosters, TimeProvider time)
    : TaskActivity<AssignRequest, AssignResult>
{
    /// <inheritdoc />
    public override async Task<AssignResult> RunAsync(TaskActivityContext context, AssignRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = CancellationToken.None;
        var key = StepKey(input.Step);
        var roster = await rosters.GetAsync(ct);
        var now = time.GetUtcNow();
        var recorded = await tasks.FindAsync(input.TaskId, key, ct);
        Person? person;
        string reason;
        if (recorded is not null)
        {
            person = recorded.Person is null ? null : roster.Find(recorded.Person);
            reason = recorded.Text;
        }
        else if (input.Person is not null)
        {
            person = roster.Find(input.Person);
            reason = input.Why;
        }
        else
        {
            var workload = await tasks.WorkloadAsync(ct);
            var pick = AssignmentPolicy.Pick(roster, LevelPlans.ToLevel(input.Plan), input.Team, input.Skill, now, workload,
                input.Previous.ToHashSet(StringComparer.Ordinal));
            person = pick?.Person;
            reason = pick?.Reason ?? $"nobody with role {input.Plan.Role} is on shift or on call";
        }

        var levelText = (input.Level + 1).ToString(CultureInfo.InvariantCulture);
        var kind = input.Person is not null ? "reassigned" : input.Level == 0 && input.Previous.Count == 0 ? "assigned" : "escalated";
        if (person is null)
        {
            await tasks.AppendAsync(
                input.TaskId, new TimelineEntry(key, now, "skipped", "system", $"level {levelText} skipped: {reason}"), ct);
            return new AssignResult(null, reason);
        }

        await tasks.AppendAsync(input.TaskId, new TimelineEntry(key, now, kind, "system",
            $"{kind} to {person.DisplayName} (level {levelText}, {input.Plan.Role}): {reason}; {input.Why}", person.Id), ct);
        var task = await tasks.UpdateAsync(input.TaskId, t => t.IsClosed ? t : t with
        {
            Assignee = person.Id,
            AssigneeName = person.DisplayName,
            AssignedAt = t.Assignee == person.Id && t.Level == input.Level ? t.AssignedAt : now,
            Level = input.Level,
            DueAt = input.DueAt,
            Escalations = Math.Max(t.Escalations, input.Level),
        }, ct);
        await notifications.AddIfAbsentAsync(new NotificationRecord(
            person.Id, $"{input.TaskId}-{key}", input.TaskId, kind,
            $"{task?.Title ?? input.TaskId}: {kind} to you (level {levelText}); acknowledge by {input.DueAt:u}",
            input.Plan.Channels, DeliveryText.Initial(input.Plan.Channels), now), ct);
        return new AssignResult(person.Id, reason);
    }

    /// <summary>The timeline key of an orchestrator step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The key.</returns>
    public static string StepKey(int step) => "s" + step.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The key of the notification an orchestrator step stores.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="step">The step.</param>
    /// <returns>The key.</returns>
    public static string NotificationKey(string taskId, int step) => $"{taskId}-{StepKey(step)}";
}
