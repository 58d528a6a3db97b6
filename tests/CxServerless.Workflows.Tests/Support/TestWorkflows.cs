using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>Adds one to its input.</summary>
[DurableTask(nameof(AddOne))]
public sealed class AddOne : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}

/// <summary>Calls <see cref="AddOne"/> three times in a row.</summary>
[DurableTask(nameof(Sequence))]
public sealed class Sequence : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = input;
        for (var i = 0; i < 3; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(AddOne), value);
        }

        return value;
    }
}
