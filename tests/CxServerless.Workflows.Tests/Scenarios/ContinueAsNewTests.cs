using CxServerless.Testing;
using CxServerless.Workflows.Hosting;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class ContinueAsNewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Continue_as_new_counts_down_across_generations_and_keeps_only_the_last_generation_history()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Countdown), new CountdownState(5, 100));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(105, state.ReadOutputAs<int>());
        var history = await h.HistoryAsync(id);
        var started = Assert.Single(history.OfType(EventType.ExecutionStarted));
        Assert.Equal(
            new CountdownState(0, 105),
            WorkflowSerialization.Converter.Deserialize<CountdownState>(started.GetProperty("Input").GetString()!));
        Assert.Empty(history.OfType(EventType.TaskScheduled));
        Assert.InRange(history.Events.Count, 3, 6);
    }
}
