using CxServerless.Durable.Client;
using CxServerless.Durable.Engine;
using CxServerless.Durable.History;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Faults;

/// <summary>
/// A crash at every persistence boundary, and every message delivered twice: each scenario still completes with the
/// same result, and every history event appears exactly once.
/// </summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class FaultInjectionTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(nameof(FaultPoint.BeforeCommit))]
    [InlineData(nameof(FaultPoint.AfterCommitBeforeSend))]
    [InlineData(nameof(FaultPoint.AfterSendBeforeDelete))]
    public async Task A_crash_at_a_persistence_boundary_is_healed_on_redelivery(string point)
    {
        var crashes = new CrashInjector(Enum.Parse<FaultPoint>(point));
        await using var h = await StartAsync(faults: crashes);

        await RunScenariosAsync(h);
        Assert.True(crashes.Crashes >= 5, $"Only {crashes.Crashes} crashes were injected.");
    }

    [Fact]
    public async Task Every_message_delivered_twice_changes_nothing()
    {
        var duplicates = new DuplicateSendPolicy();
        await using var h = await StartAsync(queuePolicy: duplicates);

        await RunScenariosAsync(h);
        Assert.True(duplicates.Duplicates >= 10, $"Only {duplicates.Duplicates} messages were duplicated.");
    }

    [Fact]
    public async Task A_poison_message_fails_the_instance_with_the_reason()
    {
        var crashes = new CrashInjector(FaultPoint.BeforeCommit, always: id => id.StartsWith("poison", StringComparison.Ordinal));
        await using var h = await StartAsync(faults: crashes);

        var state = await h.RunAsync("Sequence", new[] { "A" }, "poison-1", timeoutSeconds: 30);
        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Equal("Poison", state.Failure!.ErrorType);
        Assert.Contains("after 3 deliveries", state.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, crashes.Crashes);
        var healthy = await h.RunAsync("Sequence", new[] { "B" }, "healthy-1");
        Assert.Equal(WorkflowStatus.Completed, healthy.Status);
    }

    private static async Task RunScenariosAsync(EngineHarness h)
    {
        var sequence = await h.Client.StartAsync("Sequence", new[] { "A", "B", "C" });
        var fanOut = await h.Client.StartAsync("FanOut", 4);
        var parent = await h.Client.StartAsync("Parent", new[] { "R", "S" });
        var timer = await h.Client.StartAsync("TimerOrEvent", 1);
        var events = await h.Client.StartAsync("TwoEvents", "E");
        await h.Client.RaiseEventAsync(events.InstanceId, "Note", "first");
        await h.WaitForHistoryAsync(events.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EventRaised), 60);
        await h.Client.RaiseEventAsync(events.InstanceId, "Note", "second");

        Assert.Equal(["Hello A", "Hello B", "Hello C"], (await h.WaitAsync(sequence.InstanceId, 90)).ReadOutput<string[]>()!);
        Assert.Equal(30, (await h.WaitAsync(fanOut.InstanceId, 90)).ReadOutput<int>());
        Assert.Equal("Hello R,Hello S|distinct", (await h.WaitAsync(parent.InstanceId, 90)).ReadOutput<string>());
        Assert.Equal("timeout", (await h.WaitAsync(timer.InstanceId, 90)).ReadOutput<string>());
        Assert.Equal(["Hello E", "first", "second"], (await h.WaitAsync(events.InstanceId, 90)).ReadOutput<string[]>()!);

        foreach (var id in new[] { sequence.InstanceId, fanOut.InstanceId, parent.InstanceId, timer.InstanceId, events.InstanceId })
        {
            var state = (await h.Client.GetStatusAsync(id, includeHistory: true))!;
            AssertExactlyOnce(state.History!);
            Assert.Equal(state.History!.Count + 1, (await h.StoredRowsAsync(id)).Count);
            if (state.History!.FirstOrDefault(e => e.Kind == HistoryEventKind.SubWorkflowScheduled) is { } child)
            {
                AssertExactlyOnce((await h.Client.GetStatusAsync(child.ChildInstanceId!, includeHistory: true))!.History!);
            }
        }
    }

    private static void AssertExactlyOnce(IReadOnlyList<HistoryEvent> history)
    {
        Assert.Single(history, e => e.Kind == HistoryEventKind.WorkflowStarted);
        Assert.Single(history, e => e.Kind == HistoryEventKind.WorkflowCompleted);
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(e => e.Index));
        var steps = history.Where(e => e.Seq is not null).GroupBy(e => (e.Kind, e.Seq)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(steps.Count == 0, "Doubled steps: " + string.Join(", ", steps));
        var scheduled = history.Where(e => e.Kind is HistoryEventKind.ActivityScheduled or HistoryEventKind.TimerCreated or HistoryEventKind.SubWorkflowScheduled).Select(e => e.Seq).ToList();
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        var results = history.Where(e => e.Kind is HistoryEventKind.ActivityCompleted or HistoryEventKind.ActivityFailed or HistoryEventKind.SubWorkflowCompleted or HistoryEventKind.SubWorkflowFailed).Select(e => e.Seq).ToList();
        Assert.Equal(results.Count, results.Distinct().Count());
        var eventIds = history.Where(e => e.Kind == HistoryEventKind.EventRaised).Select(e => e.EventId).ToList();
        Assert.Equal(eventIds.Count, eventIds.Distinct().Count());
    }

    private Task<EngineHarness> StartAsync(IEngineFaults? faults = null, Azure.Core.Pipeline.HttpPipelinePolicy? queuePolicy = null) =>
        EngineHarness.StartAsync(
            azurite,
            s => TestWorkflows.Register(s, new Probe()),
            worker: o => o.VisibilityTimeout = TimeSpan.FromSeconds(1),
            faults: faults,
            queuePolicy: queuePolicy);
}
