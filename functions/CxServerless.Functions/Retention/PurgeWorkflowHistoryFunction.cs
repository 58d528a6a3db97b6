using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Retention;

/// <summary>
/// <c>PurgeWorkflowHistory</c>: a daily timer (<c>%CxWorkflowPurgeSchedule%</c>) that purges finished workflow instances
/// older than <c>Retention__WorkflowHistoryDays</c>, records the count in RetentionRuns and writes one audit entry.
/// </summary>
public sealed class PurgeWorkflowHistoryFunction(WorkflowHistoryPurger purger, RetentionRunStore runs, AuditLog audit) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "PurgeWorkflowHistory";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var tick = TimerTick.TryRead(request, "timer", out var error);
        if (tick is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var run = await purger.RunAsync(cancellationToken);
        await runs.AddAsync(run, cancellationToken);
        await audit.WriteSystemAsync(FunctionName, "workflow history purge", "workflows", run.Summary(), cancellationToken);
        return InvocationResult.Ok().Log($"Workflow history purge: {run.Summary()}");
    }
}
