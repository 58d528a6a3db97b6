using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

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
