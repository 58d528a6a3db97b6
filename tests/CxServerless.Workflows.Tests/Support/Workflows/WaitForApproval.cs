using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Sets the custom status "waiting" and waits, without a time limit, for the "approval" event; returns its payload.</summary>
[DurableTask(nameof(WaitForApproval))]
public sealed class WaitForApproval : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus("waiting");
        return await context.WaitForExternalEvent<string>("approval");
    }
}
