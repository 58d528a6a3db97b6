using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Escalation;

/// <summary>Creates the alert's task (once) and returns its owning team and escalation chain.</summary>
[DurableTask(nameof(OpenEscalationTask))]
public sealed class OpenEscalationTask(TaskStore tasks, IRosterSource rosters, TimeProvider time)
    : TaskActivity<EscalationRequest, EscalationPlan>
{
    /// <inheritdoc />
    public override async Task<EscalationPlan> RunAsync(TaskActivityContext context, EscalationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var roster = await rosters.GetAsync(CancellationToken.None);
        var taskId = EscalationRequest.TaskIdFor(input.AlertId);
        var now = time.GetUtcNow();
        var title = PiiMasker.Mask(input.Summary);
        await tasks.CreateIfAbsentAsync(
            new TaskRecord(taskId, input.AlertId, context.InstanceId, title, input.Severity.ToString(), input.Kpi, input.Slice,
                OwningTeam(roster, input), input.Source, TaskStatuses.Open, now)
            { RosterVersion = roster.Version },
            CancellationToken.None);

        // A re-run, or a roster replaced since, keeps the team the task was first given.
        var stored = await tasks.GetAsync(taskId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Task {taskId} vanished.");
        await tasks.AppendAsync(taskId, new TimelineEntry("created", now, "created", "system",
            $"{input.Source} alert ({input.Severity}) on {input.Slice}, owned by {stored.Team}: {title}"), CancellationToken.None);
        return new EscalationPlan(taskId, stored.Team, stored.RosterVersion ?? roster.Version, LevelPlans.For(roster, input.Severity));
    }

    /// <summary>
    /// The owning team: the team a person named when declaring a manual alert (when the roster has it), else the
    /// roster's rule (slice route, team slice, issue-type route, team hint, default team).
    /// </summary>
    private static string OwningTeam(Domain.Escalation.Roster roster, EscalationRequest input) =>
        input.Source == "manual" && input.Route.Team is { } declared && roster.HasTeam(declared)
            ? declared
            : roster.OwningTeam(input.Route, input.Slice);
}
