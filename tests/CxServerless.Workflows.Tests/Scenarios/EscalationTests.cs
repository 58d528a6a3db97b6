using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

/// <summary>
/// An escalation loop waits for the same event name ("ack") at every level, with a timeout. When a level times out,
/// the SDK cancels that level's waiter but leaves it in its list of waiters for the name. These tests prove that such
/// an abandoned waiter never takes an acknowledgement meant for a later level: an ack goes to the live waiter when
/// there is one, and is buffered for the next wait when there is none (Microsoft.DurableTask.Worker 1.28 skips
/// cancelled waiters; earlier SDKs gave the ack to the cancelled waiter, and it was lost).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EscalationTests(AzuriteFixture azurite)
{
    private static readonly EscalationInput Input = new(3, FirstLevelTimeoutSeconds: 2, LaterLevelTimeoutSeconds: 120);

    [Fact]
    public async Task Each_level_receives_its_own_ack_and_the_waiter_abandoned_at_a_timed_out_level_swallows_none()
    {
        var probe = new Probe();
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString, probe);
        var id = "escalate-" + Guid.NewGuid().ToString("N");
        probe.Close(GatedStep.Key(id, "notify-3"));

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Escalation), Input, new StartOrchestrationOptions(id));
        // Level 1 timed out (its waiter is abandoned) and level 2 waits.
        await h.WaitForCustomStatusAsync(id, "waiting:2");
        await h.Client.RaiseEventAsync(id, "ack", "first");
        await h.Client.RaiseEventAsync(id, "ack", "second");
        // Both acks are recorded while level 3 is still being notified: "first" went to level 2's live waiter, and
        // "second" came when the only waiter for "ack" was the one level 1 abandoned.
        var meanwhile = await h.WaitForHistoryAsync(id, x => x.Count(EventType.EventRaised) == 2, "both acks");
        Assert.Equal(2, meanwhile.Count(EventType.TaskCompleted));
        probe.Open(GatedStep.Key(id, "notify-3"));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["1:timeout", "2:first", "3:second"], state.ReadOutputAs<List<string>>());
        var history = await h.HistoryAsync(id);
        Assert.True(history.IndexOf(EventType.EventRaised, 1) < history.IndexOf(EventType.TaskCompleted, 2));
        Assert.Single(history.OfType(EventType.TimerFired));
    }

    [Fact]
    public async Task Acks_raised_between_levels_are_kept_in_order_for_the_next_levels()
    {
        var probe = new Probe();
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString, probe);
        var id = "escalate-" + Guid.NewGuid().ToString("N");
        probe.Close(GatedStep.Key(id, "notify-2"));

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Escalation), Input, new StartOrchestrationOptions(id));
        // Level 1 timed out and level 2 is being notified: nothing waits for "ack" but the abandoned level-1 waiter.
        await h.WaitForHistoryAsync(id, x => x.Count(EventType.TaskScheduled) == 2, "level 2 notified");
        await h.Client.RaiseEventAsync(id, "ack", "first");
        await h.Client.RaiseEventAsync(id, "ack", "second");
        var meanwhile = await h.WaitForHistoryAsync(id, x => x.Count(EventType.EventRaised) == 2, "both acks");
        Assert.Equal(1, meanwhile.Count(EventType.TaskCompleted));
        probe.Open(GatedStep.Key(id, "notify-2"));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["1:timeout", "2:first", "3:second"], state.ReadOutputAs<List<string>>());
    }
}
