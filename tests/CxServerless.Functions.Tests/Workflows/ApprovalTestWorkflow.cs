using Microsoft.DurableTask;

namespace CxServerless.Functions.Tests.Workflows;

/// <summary>Waits for an "approve" event, marks a custom status, and returns the event's payload.</summary>
[DurableTask(nameof(ApprovalTestWorkflow))]
public sealed class ApprovalTestWorkflow : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new { waitingFor = "approve", input });
        var decision = await context.WaitForExternalEvent<Decision>("approve");
        return $"{input}:{decision.By}:{decision.Note}";
    }
}

/// <summary>The payload of the approval event.</summary>
public sealed record Decision(string By, string Note);
