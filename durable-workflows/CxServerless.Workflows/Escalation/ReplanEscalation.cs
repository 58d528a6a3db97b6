using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Escalation;

/// <summary>Returns the escalation chain for the alert's new severity and records the change on the task.</summary>
[DurableTask(nameof(ReplanEscalation))]
public sealed class ReplanEscalation(TaskStore tasks, IRosterSource rosters, TimeProvider time)
    : TaskActivity<ReplanRequest, IReadOnlyList<LevelPlan>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<LevelPlan>> RunAsync(TaskActivityContext context, ReplanRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var roster = await rosters.GetAsync(CancellationToken.None);
        var severity = input.Severity.ToString();
        await tasks.UpdateAsync(input.TaskId, t => t.IsClosed ? t : t with { Severity = severity }, CancellationToken.None);
        await tasks.AppendAsync(
            input.TaskId,
            new TimelineEntry(AssignEscalationLevel.StepKey(input.Step), time.GetUtcNow(), "severityChanged",
                "system", $"the alert's severity changed to {severity}; the SLA is planned again"),
            CancellationToken.None);
        return LevelPlans.For(roster, input.Severity);
    }
}
