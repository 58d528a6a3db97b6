using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Runs <see cref="GatedStep"/> "work", and only then waits for the "go" event; returns "{work}+{go}".</summary>
[DurableTask(nameof(ActivityThenEvent))]
public sealed class ActivityThenEvent : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = await context.CallActivityAsync<string>(nameof(GatedStep), "work");
        var go = await context.WaitForExternalEvent<string>("go");
        return work + "+" + go;
    }
}
