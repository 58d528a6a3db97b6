using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>
/// Adds one to the total with <see cref="AddOne"/> and continues as new with one generation fewer, until none remain;
/// returns the total.
/// </summary>
[DurableTask(nameof(Countdown))]
public sealed class Countdown : TaskOrchestrator<CountdownState, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, CountdownState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Remaining == 0)
        {
            return input.Total;
        }

        var total = await context.CallActivityAsync<int>(nameof(AddOne), input.Total);
        context.ContinueAsNew(new CountdownState(input.Remaining - 1, total));
        return 0;
    }
}
