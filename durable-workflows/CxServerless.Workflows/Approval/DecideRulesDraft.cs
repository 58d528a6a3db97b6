using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Approval;

/// <summary>
/// Carries out the decision on a draft through <see cref="IRulesDraftDecider"/>, then closes the approval task when a
/// person has not already closed it (a timeout) and records the outcome on its timeline. Idempotent.
/// </summary>
[DurableTask(nameof(DecideRulesDraft))]
public sealed class DecideRulesDraft(IRulesDraftDecider decider, TaskStore tasks, TimeProvider time)
    : TaskActivity<RulesDecision, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, RulesDecision input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var result = input.Decision == "approved"
            ? await decider.ActivateAsync(input.DraftVersion, input.By, CancellationToken.None)
            : await decider.ExpireAsync(input.DraftVersion, input.By, CancellationToken.None);
        var now = time.GetUtcNow();
        await tasks.UpdateAsync(input.TaskId, t => t.ClosedAs(input.Decision, input.Note, input.By, now), CancellationToken.None);
        await tasks.AppendAsync(input.TaskId, new TimelineEntry("decided", now, input.Decision, input.By,
            $"rules draft {input.DraftVersion} {input.Decision}: {result}"), CancellationToken.None);
        return result;
    }
}
