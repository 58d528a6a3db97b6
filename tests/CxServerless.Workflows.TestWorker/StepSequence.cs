using Microsoft.DurableTask;

namespace CxServerless.Workflows.TestWorker;

/// <summary>
/// Runs <see cref="StepSequenceInput.Steps"/> <see cref="RecordStep"/> activities one after another, each on the
/// previous one's output, optionally after a durable timer; returns the start value plus the number of steps.
/// Steps are retried, so a step that failed while storage was down runs again.
/// </summary>
[DurableTask(nameof(StepSequence))]
public sealed class StepSequence : TaskOrchestrator<StepSequenceInput, int>
{
    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(20, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5)));

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, StepSequenceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var value = input.Start;
        for (var step = 1; step <= input.Steps; step++)
        {
            if (input.TimerMs > 0)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMs), CancellationToken.None);
            }

            value = await context.CallActivityAsync<int>(
                nameof(RecordStep), new StepInput(step, value, input.DelayMs, input.FailuresAfterWrite), Retry);
        }

        return value;
    }
}
