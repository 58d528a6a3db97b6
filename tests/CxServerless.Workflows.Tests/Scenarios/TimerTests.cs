using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Scenarios;

/// <summary>
/// Durable timers. Timers longer than <c>WorkflowOptions.MaximumTimerInterval</c> are split by the SDK into a chain of
/// shorter ones (Azure queue messages can be hidden for 7 days at most). Neither the framework nor the provider reads a
/// clock that a test can move, so a 10-day timer cannot complete in a test: the tests check that it is scheduled as a
/// chain (the first link no longer than the maximum interval), make the first link fire at once by delivering its
/// TimerFired message early (as the provider would when the link is due), and check that the next link is scheduled
/// rather than the orchestration completing. A short timer is run for real.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TimerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan MaximumTimerInterval = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_short_durable_timer_fires_and_the_orchestration_completes()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DurableDelay), 3.0);
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("fired", state.ReadOutputAs<string>());
        var history = await h.HistoryAsync(id);
        var created = Assert.Single(history.OfType(EventType.TimerCreated));
        var fired = Assert.Single(history.OfType(EventType.TimerFired));
        AssertDueAfter(history, created, TimeSpan.FromSeconds(3));
        Assert.Equal(created.GetProperty("EventId").GetInt32(), fired.GetProperty("TimerId").GetInt32());
        // The timer fired at its due time, give or take the provider's rounding: it hides a timer message for whole seconds
        // (Azure queues take the delay in seconds; the SDK truncates), so a timer can fire up to 1 s before its FireAt.
        var firedEpisode = history.Events[history.IndexOf(EventType.TimerFired) - 1].GetProperty("Timestamp").GetDateTime();
        var fireAt = created.GetProperty("FireAt").GetDateTime();
        Assert.InRange(firedEpisode, fireAt.AddSeconds(-1), fireAt.AddSeconds(30));
    }

    [Fact]
    public async Task A_ten_day_timer_is_scheduled_as_a_chain_of_timers_no_longer_than_the_maximum_interval()
    {
        await using var h = await ScenarioWorkflows.StartAsync(
            azurite.ConnectionString, configure: o => o.MaximumTimerInterval = MaximumTimerInterval);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DurableDelay), TimeSpan.FromDays(10).TotalSeconds);
        var first = await h.WaitForHistoryAsync(id, x => x.Count(EventType.TimerCreated) == 1, "the first timer");

        var link = first.OfType(EventType.TimerCreated).Single();
        AssertDueAfter(first, link, MaximumTimerInterval);
        var state = await h.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state!.RuntimeStatus);

        // Deliver the first link's TimerFired now, as the provider would when it is due (a message's FireAt is also its
        // visibility delay, so the early one says "now").
        var service = h.Services.GetRequiredService<AzureStorageOrchestrationService>();
        var executionId = first.OfType(EventType.ExecutionStarted).Single()
            .GetProperty("OrchestrationInstance").GetProperty("ExecutionId").GetString();
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = executionId },
            Event = new TimerFiredEvent(-1) { TimerId = link.GetProperty("EventId").GetInt32(), FireAt = DateTime.UtcNow },
        });

        var second = await h.WaitForHistoryAsync(id, x => x.Count(EventType.TimerCreated) == 2, "the second timer");
        Assert.Single(second.OfType(EventType.TimerFired));
        AssertDueAfter(second, second.OfType(EventType.TimerCreated)[1], MaximumTimerInterval);
        Assert.Empty(second.OfType(EventType.ExecutionCompleted));
        state = await h.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, state!.RuntimeStatus);
    }

    /// <summary>Asserts that a timer is due the given time after the orchestrator's clock in the episode that created it.</summary>
    private static void AssertDueAfter(WorkflowHistory history, System.Text.Json.JsonElement timer, TimeSpan after)
    {
        // The episode that created the timer began at the OrchestratorStarted event before it.
        var index = history.Events.ToList().FindIndex(e => e.GetProperty("EventId").GetInt32() == timer.GetProperty("EventId").GetInt32() &&
            WorkflowHistory.TypeOf(e) == EventType.TimerCreated);
        var episodeStart = history.Events.Take(index).Last(e => WorkflowHistory.TypeOf(e) == EventType.OrchestratorStarted)
            .GetProperty("Timestamp").GetDateTime();
        Assert.Equal(episodeStart + after, timer.GetProperty("FireAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
    }
}
