using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Retention;

/// <summary>
/// <c>RetentionSweep</c>: a daily timer (<c>%CxRetentionSchedule%</c>) that deletes every row older than its data
/// class's limit, except rows under a legal hold, records the counts in RetentionRuns and writes one audit entry.
/// </summary>
public sealed class RetentionSweepFunction(RetentionSweeper sweeper, RetentionRunStore runs, AuditLog audit) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "RetentionSweep";

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

        var run = await sweeper.RunAsync(cancellationToken);
        await runs.AddAsync(run, cancellationToken);
        await audit.WriteSystemAsync(FunctionName, "retention sweep", "retention", run.Summary(), cancellationToken);
        var summary = $"Retention sweep: {run.Summary()}";

        // A failed class fails the invocation so the host logs it; the other classes' deletions stand and are recorded.
        return run.Failed ? InvocationResult.Fail(summary).Log(summary) : InvocationResult.Ok().Log(summary);
    }
}
