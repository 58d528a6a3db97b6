using System.Diagnostics;
using CxServerless.Durable.Client;
using CxServerless.Durable.Diagnostics;
using CxServerless.Durable.Engine;
using CxServerless.Durable.History;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Faults;

/// <summary>The engine driven one message at a time, as the queue-triggered functions drive it.</summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class SingleMessageDriverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_lost_ETag_race_is_resolved_in_process_by_reload_and_replay_without_failing_the_delivery()
    {
        var raceFaults = new RaceFaults();
        await using var first = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), faults: raceFaults, startWorker: false);
        await using var second = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), startWorker: false, taskHub: first.Client.Names.HistoryTable[..^"History".Length]);
        var started = await first.Client.StartAsync("WaitForever", "x", "race-1");
        Assert.Equal(1, await first.DeliverVisibleAsync(activities: false));

        raceFaults.Interleave = () =>
        {
            var rival = new WorkMessage { Kind = MessageKind.EventRaised, InstanceId = "race-1", Name = "B", Payload = "\"b\"", EventId = "event-b" };
            var result = second.Engine.ProcessControlMessageAsync(rival.ToText(), 1, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(result.Succeeded);
        };
        var mine = new WorkMessage { Kind = MessageKind.EventRaised, InstanceId = "race-1", Name = "A", Payload = "\"a\"", EventId = "event-a" };
        var outcome = await first.Engine.ProcessControlMessageAsync(mine.ToText(), 1, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Equal(2, raceFaults.BeforeCommitCalls); // the lost race, then the replayed episode
        var history = (await first.Client.GetStatusAsync(started.InstanceId, includeHistory: true))!.History!;
        Assert.Equal(["event-b", "event-a"], history.Where(e => e.Kind == HistoryEventKind.EventRaised).Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(0, history.Count), history.Select(e => e.Index));
    }

    [Fact]
    public async Task An_activity_message_on_its_last_delivery_is_reported_as_a_poison_failure_not_run_again()
    {
        var probe = new Probe();
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, probe), startWorker: false);
        var started = await h.Client.StartAsync("Sequence", new[] { "A" });
        Assert.Equal(1, await h.DeliverVisibleAsync(activities: false)); // start → schedules Greet
        Assert.Equal(1, await h.DeliverVisibleAsync(dequeueCount: 3, control: false)); // the activity's last allowed delivery
        Assert.Equal(1, await h.DeliverVisibleAsync(activities: false)); // its failure reaches the orchestration

        var state = (await h.Client.GetStatusAsync(started.InstanceId))!;
        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Contains("Poison", state.Failure!.Details, StringComparison.Ordinal);
        Assert.Equal(0, probe.Count("greet:A"));
    }

    [Fact]
    public async Task An_instance_whose_history_lost_rows_fails_with_the_reason_on_the_last_delivery()
    {
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), startWorker: false);
        await h.Client.StartAsync("WaitForever", "x", "corrupt-1");
        Assert.Equal(1, await h.DeliverVisibleAsync(activities: false));
        var table = h.Engine.Backend.History.Table;
        await table.DeleteEntityAsync("corrupt-1", "h000000-00000001");
        var raised = new WorkMessage { Kind = MessageKind.EventRaised, InstanceId = "corrupt-1", Name = "Never", Payload = "\"x\"", EventId = "e1" }.ToText();

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Engine.ProcessControlMessageAsync(raised, 1, CancellationToken.None));
        var last = await h.Engine.ProcessControlMessageAsync(raised, 3, CancellationToken.None);

        Assert.True(last.Succeeded);
        var state = (await h.Client.GetStatusAsync("corrupt-1"))!;
        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Equal("Poison", state.Failure!.ErrorType);
        Assert.Contains("incomplete", state.Failure.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Episodes_and_activities_emit_spans()
    {
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("workflow.instance_id") as string == "spans-1")
                {
                    lock (spans)
                    {
                        spans.Add(a.OperationName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), startWorker: false);
        await h.Client.StartAsync("Sequence", new[] { "A", "B" }, "spans-1");
        while (!(await h.Client.GetStatusAsync("spans-1"))!.IsFinal)
        {
            Assert.True(await h.DeliverVisibleAsync() > 0, "The instance stalled.");
        }

        lock (spans)
        {
            Assert.Equal(3, spans.Count(s => s == "workflow.episode"));
            Assert.Equal(2, spans.Count(s => s == "workflow.activity"));
        }
    }

    /// <summary>Lets a rival engine commit to the same instance while the first one is between replay and commit.</summary>
    private sealed class RaceFaults : IEngineFaults
    {
        public Action? Interleave { get; set; }

        public int BeforeCommitCalls { get; private set; }

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.BeforeCommit && Interleave is not null)
            {
                BeforeCommitCalls++;
                var interleave = Interleave;
                if (BeforeCommitCalls == 1)
                {
                    interleave();
                }
            }
        }
    }
}
