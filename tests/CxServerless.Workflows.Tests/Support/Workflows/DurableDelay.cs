using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Sets the custom status "sleeping", waits on one durable timer of <c>input</c> seconds, and returns "fired".</summary>
[DurableTask(nameof(DurableDelay))]
public sealed class DurableDelay : TaskOrchestrator<double, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, double input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus("sleeping");
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), CancellationToken.None);
        return "fired";
    }
}
