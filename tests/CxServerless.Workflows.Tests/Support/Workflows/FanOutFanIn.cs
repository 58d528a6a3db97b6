using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Calls <see cref="AddOne"/> on 0 .. input-1 all at once and returns the sum of the results.</summary>
[DurableTask(nameof(FanOutFanIn))]
public sealed class FanOutFanIn : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(AddOne), i)));
        return results.Sum();
    }
}
