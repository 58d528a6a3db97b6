using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Adds one to its input.</summary>
[DurableTask(nameof(AddOne))]
public sealed class AddOne : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}
