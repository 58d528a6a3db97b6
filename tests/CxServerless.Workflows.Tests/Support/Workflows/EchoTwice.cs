using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Passes its input through <see cref="Echo"/> twice (so it comes back unchanged) and returns it.</summary>
[DurableTask(nameof(EchoTwice))]
public sealed class EchoTwice : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reversed = await context.CallActivityAsync<string>(nameof(Echo), input);
        return await context.CallActivityAsync<string>(nameof(Echo), reversed);
    }
}
