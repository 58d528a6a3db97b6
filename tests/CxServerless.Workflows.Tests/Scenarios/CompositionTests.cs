using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class CompositionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_fan_out_of_50_activities_fans_in_every_result()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 50);
        var state = await h.WaitAsync(id, 120);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 50).Sum(), state.ReadOutputAs<int>());
        var history = await h.HistoryAsync(id);
        Assert.Equal(50, history.Count(EventType.TaskScheduled));
        Assert.Equal(50, history.Count(EventType.TaskCompleted));
    }

    [Fact]
    public async Task A_sub_orchestration_result_is_used_by_its_parent()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOfSequence), 10);
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(26, state.ReadOutputAs<int>());
        var child = await h.Client.GetInstanceAsync(ParentOfSequence.ChildId(id), getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(13, child.ReadOutputAs<int>());
        var history = await h.HistoryAsync(id);
        Assert.Single(history.OfType(EventType.SubOrchestrationInstanceCompleted));
    }
}
