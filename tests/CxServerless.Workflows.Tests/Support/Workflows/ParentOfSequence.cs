using Microsoft.DurableTask;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Runs <see cref="Sequence"/> as a sub-orchestration with the id "{instance}-child" and returns twice its result.</summary>
[DurableTask(nameof(ParentOfSequence))]
public sealed class ParentOfSequence : TaskOrchestrator<int, int>
{
    public static string ChildId(string instanceId) => instanceId + "-child";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var child = await context.CallSubOrchestratorAsync<int>(
            nameof(Sequence), input, new SubOrchestrationOptions { InstanceId = ChildId(context.InstanceId) });
        return child * 2;
    }
}
