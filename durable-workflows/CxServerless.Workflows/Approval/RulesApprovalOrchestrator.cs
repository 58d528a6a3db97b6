using CxServerless.Workflows.Escalation;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Approval;

/// <summary>
/// Asks an OpsAdmin to approve a draft rules version: opens a task in the inbox, then waits for the task to be
/// resolved or for the timeout. Resolving approves (the draft is activated); resolving with a resolution that starts
/// with "reject", or closing the task as a false alarm, rejects it; the timeout expires it. Other task actions
/// (acknowledge, comment) change nothing here.
/// </summary>
/// <remarks>
/// Person actions arrive as <see cref="TaskAction.EventName"/> events, raised by the task API exactly as for an
/// escalation. One timer is created up front and one wait is pending at a time, so the history grows by one event per
/// action. Deterministic: the deadline comes from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </remarks>
[DurableTask(nameof(RulesApprovalOrchestrator))]
public sealed class RulesApprovalOrchestrator : TaskOrchestrator<RulesApprovalRequest, RulesApprovalOutcome>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));

    /// <inheritdoc />
    public override async Task<RulesApprovalOutcome> RunAsync(TaskOrchestrationContext context, RulesApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var taskId = await context.CallActivityAsync<string>(nameof(OpenRulesApprovalTask), input, Retry);
        using var cancel = new CancellationTokenSource();
        var deadline = context.CreateTimer(context.CurrentUtcDateTime + input.Timeout, cancel.Token);
        RulesDecision? decision = null;
#pragma warning disable DURABLE0011 // one pending wait at a time; the loop ends when a decision arrives or the timer fires
        while (decision is null)
        {
            var action = context.WaitForExternalEvent<TaskAction>(TaskAction.EventName);
            if (await Task.WhenAny(action, deadline) == deadline)
            {
                decision = new RulesDecision(input.DraftVersion, taskId, "expired", "system", "no decision before the timeout");
                break;
            }

            decision = Decide(input.DraftVersion, taskId, await action);
        }
#pragma warning restore DURABLE0011

        if (decision.Decision != "expired")
        {
            // Cancel, not CancelAsync: the timer's continuation must run on the orchestration's own thread.
            cancel.Cancel();
        }

        var result = await context.CallActivityAsync<string>(nameof(DecideRulesDraft), decision, Retry);
        return new RulesApprovalOutcome(input.DraftVersion, decision.Decision, decision.By, result);
    }

    private static RulesDecision? Decide(string draft, string taskId, TaskAction action) => action.Kind switch
    {
        "resolve" when action.Note?.TrimStart().StartsWith("reject", StringComparison.OrdinalIgnoreCase) == true =>
            new RulesDecision(draft, taskId, "rejected", action.By, action.Note),
        "resolve" => new RulesDecision(draft, taskId, "approved", action.By, action.Note),
        "falseAlarm" => new RulesDecision(draft, taskId, "rejected", action.By, action.Note),
        _ => null,
    };
}
