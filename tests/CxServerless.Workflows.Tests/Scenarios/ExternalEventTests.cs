using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class ExternalEventTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_event_that_arrives_before_the_timer_wins_the_race_and_the_timer_is_abandoned()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventOrTimer), 300);
        await h.WaitForCustomStatusAsync(id, "waiting");
        await h.Client.RaiseEventAsync(id, "approval", "yes");
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("event:yes", state.ReadOutputAs<string>());
        var history = await h.HistoryAsync(id);
        Assert.Single(history.OfType(EventType.TimerCreated));
        Assert.Empty(history.OfType(EventType.TimerFired));
    }

    [Fact]
    public async Task A_timer_that_fires_before_any_event_wins_the_race()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventOrTimer), 2);
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("timer", state.ReadOutputAs<string>());
        var history = await h.HistoryAsync(id);
        Assert.Single(history.OfType(EventType.TimerFired));
        Assert.Empty(history.OfType(EventType.EventRaised));
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept_until_it_does()
    {
        var probe = new Probe();
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString, probe);
        var id = "early-" + Guid.NewGuid().ToString("N");
        probe.Close(GatedStep.Key(id, "work"));

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ActivityThenEvent), new StartOrchestrationOptions(id));
        await h.Client.RaiseEventAsync(id, "go", "now");
        // The orchestrator has recorded the event while its activity is still held at the gate, so it is not waiting yet.
        var before = await h.WaitForHistoryAsync(id, x => x.Count(EventType.EventRaised) == 1, "the event");
        Assert.Equal(0, before.Count(EventType.TaskCompleted));
        probe.Open(GatedStep.Key(id, "work"));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("work+now", state.ReadOutputAs<string>());
        var history = await h.HistoryAsync(id);
        Assert.True(history.IndexOf(EventType.EventRaised) < history.IndexOf(EventType.TaskCompleted));
    }
}
