using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class SequenceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_activity_sequence_completes_with_each_step_applied_once()
    {
        await using var h = await WorkflowHarness.StartAsync(
            azurite.ConnectionString, r => r.AddOrchestrator<Sequence>().AddActivity<AddOne>());

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequence), 10);
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(13, state.ReadOutputAs<int>());
    }
}
