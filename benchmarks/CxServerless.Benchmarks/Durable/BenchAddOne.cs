using Microsoft.DurableTask;

namespace CxServerless.Benchmarks.Durable;

/// <summary>The trivial activity: adds one to its input.</summary>
[DurableTask(nameof(BenchAddOne))]
internal sealed class BenchAddOne : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}
