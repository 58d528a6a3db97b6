using Microsoft.DurableTask;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// Calls <see cref="BenchAddOne"/> as many times in a row as its input says (1 or 3 here) and returns the count.
/// When its last step has run, outside replay, it tells <see cref="CompletionSignals"/>, so the harness paces itself
/// without polling storage.
/// </summary>
[DurableTask(nameof(BenchSequence))]
internal sealed class BenchSequence : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(BenchAddOne), value);
        }

        if (!context.IsReplaying)
        {
            CompletionSignals.Complete(context.InstanceId);
        }

        return value;
    }
}
