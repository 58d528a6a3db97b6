using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Scenarios;

/// <summary>The engine's scenario suite, each on a fresh task hub in real Azurite with an in-process worker.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ScenarioTests(AzuriteFixture azurite)
{
    private readonly Probe _probe = new();

    [Fact]
    public async Task Sequence_runs_activities_in_order_and_records_each_step_once()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("Sequence", new[] { "Tokyo", "Seattle", "London" });

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(["Hello Tokyo", "Hello Seattle", "Hello London"], state.ReadOutput<string[]>()!);
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        Assert.Equal([0, 1, 2], history.Where(e => e.Kind == HistoryEventKind.ActivityScheduled).Select(e => e.Seq!.Value));
        Assert.Equal(3, history.Count(e => e.Kind == HistoryEventKind.ActivityCompleted));
        Assert.Single(history, e => e.Kind == HistoryEventKind.WorkflowCompleted);
    }

    [Fact]
    public async Task Fan_out_fan_in_waits_for_all_activities()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("FanOut", 10);

        Assert.Equal(385, state.ReadOutput<int>());
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        Assert.Equal(10, history.Count(e => e.Kind == HistoryEventKind.ActivityScheduled));
        Assert.Equal(Enumerable.Range(0, 10), history.Where(e => e.Kind == HistoryEventKind.ActivityCompleted).Select(e => e.Seq!.Value).Order());
    }

    [Fact]
    public async Task Activity_retry_succeeds_after_transient_failures()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("RetryThenSucceed", "k1");

        Assert.Equal("ok after retries", state.ReadOutput<string>());
        Assert.Equal(3, _probe.Count("flaky:k1"));
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        Assert.Equal(2, history.Count(e => e.Kind == HistoryEventKind.ActivityFailed));
        Assert.Equal(2, history.Count(e => e.Kind == HistoryEventKind.TimerFired));
    }

    [Fact]
    public async Task Exhausted_retries_surface_as_an_exception_the_orchestrator_handles()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("RetryExhausted", "x");

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal("handled: permanent failure", state.ReadOutput<string>());
    }

    [Fact]
    public async Task Timer_fires_after_the_worker_restarts()
    {
        await using var h = await StartAsync();
        var started = await h.Client.StartAsync("Timer", 2);
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.TimerCreated));
        await h.StopWorkerAsync();
        await Task.Delay(2500);
        Assert.Equal(WorkflowStatus.Running, (await h.Client.GetStatusAsync(started.InstanceId))!.Status);

        await h.StartWorkerAsync();
        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal("fired on time", state.ReadOutput<string>());
    }

    [Fact]
    public async Task WhenAny_event_wins_and_the_cancelled_timer_is_never_delivered()
    {
        await using var h = await StartAsync();
        var startedAt = DateTime.UtcNow;
        var started = await h.Client.StartAsync("TimerOrEvent", 6);
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.TimerCreated));
        await h.Client.RaiseEventAsync(started.InstanceId, "Approval", "yes");

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal("event:yes;timer cancelled", state.ReadOutput<string>());

        // The timer's message arrives after completion and must change nothing.
        await Task.Delay(startedAt.AddSeconds(7.5) - DateTime.UtcNow is { TotalMilliseconds: > 0 } wait ? wait : TimeSpan.Zero);
        var after = (await h.Client.GetStatusAsync(started.InstanceId, includeHistory: true))!;
        Assert.Equal(WorkflowStatus.Completed, after.Status);
        Assert.DoesNotContain(after.History!, e => e.Kind == HistoryEventKind.TimerFired);
        Assert.Equal(0, (await h.Engine.Backend.Sender.ControlQueueOf(started.InstanceId).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task WhenAny_timer_wins_when_no_event_arrives()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("TimerOrEvent", 1);
        Assert.Equal("timeout", state.ReadOutput<string>());
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_and_two_of_one_name_arrive_in_order()
    {
        await using var h = await StartAsync();
        var started = await h.Client.StartAsync("TwoEvents", "Oslo");
        await h.Client.RaiseEventAsync(started.InstanceId, "Note", "first");
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EventRaised));
        await h.Client.RaiseEventAsync(started.InstanceId, "Note", "second");

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal(["Hello Oslo", "first", "second"], state.ReadOutput<string[]>()!);
    }

    [Fact]
    public async Task ContinueAsNew_resets_history_and_carries_unconsumed_events()
    {
        await using var h = await StartAsync();
        var started = await h.Client.StartAsync("Counter", 0);
        await h.Client.RaiseEventAsync(started.InstanceId, "Carried", "kept");
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EventRaised && x.Name == "Carried"));
        await h.Client.RaiseEventAsync(started.InstanceId, "Begin", "go");

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal("done:kept", state.ReadOutput<string>());
        Assert.Equal(3, state.Generation);
        Assert.Equal(3, state.ReadCustomStatus<Dictionary<string, int>>()!["generation"]);

        var rows = await h.StoredRowsAsync(started.InstanceId);
        var eventRows = rows.Where(r => r.RowKey != "state").ToList();
        Assert.All(eventRows, r => Assert.StartsWith("h000003-", r.RowKey, StringComparison.Ordinal));
        Assert.DoesNotContain(eventRows, r => r.GetString("Kind") == nameof(HistoryEventKind.ActivityScheduled));
    }

    [Fact]
    public async Task Sub_orchestration_returns_its_result_to_the_parent()
    {
        await using var h = await StartAsync();
        var state = await h.RunAsync("Parent", new[] { "Rome", "Paris" });

        Assert.Equal("Hello Rome,Hello Paris|distinct", state.ReadOutput<string>());
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        var child = Assert.Single(history, e => e.Kind == HistoryEventKind.SubWorkflowScheduled).ChildInstanceId!;
        var childState = (await h.Client.GetStatusAsync(child))!;
        Assert.Equal(WorkflowStatus.Completed, childState.Status);
        Assert.Equal(state.InstanceId, childState.ParentInstanceId);
    }

    [Fact]
    public async Task Terminate_while_waiting_ends_the_instance_with_the_reason()
    {
        await using var h = await StartAsync();
        var started = await h.Client.StartAsync("WaitForever", "x");
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EpisodeStarted));
        await h.Client.TerminateAsync(started.InstanceId, "operator stopped it");

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal(WorkflowStatus.Terminated, state.Status);
        Assert.Equal("operator stopped it", state.ReadOutput<string>());
        var terminated = await h.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Terminated));
        Assert.Contains(terminated, s => s.InstanceId == started.InstanceId);
    }

    [Fact]
    public async Task Purge_removes_one_instance_or_many_by_age()
    {
        await using var h = await StartAsync();
        var one = await h.RunAsync("Sequence", new[] { "A" });
        var two = await h.RunAsync("Sequence", new[] { "B" });
        var three = await h.RunAsync("FanOut", 2);
        var running = await h.Client.StartAsync("WaitForever", "x");
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await h.WaitForHistoryAsync(running.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EpisodeStarted));
            await h.Client.PurgeAsync(running.InstanceId);
        });

        Assert.True(await h.Client.PurgeAsync(one.InstanceId));
        Assert.Null(await h.Client.GetStatusAsync(one.InstanceId));
        Assert.Empty(await h.StoredRowsAsync(one.InstanceId));

        var purged = await h.Client.PurgeAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(2, purged);
        Assert.Null(await h.Client.GetStatusAsync(two.InstanceId));
        Assert.Null(await h.Client.GetStatusAsync(three.InstanceId));
        Assert.NotNull(await h.Client.GetStatusAsync(running.InstanceId));
        Assert.DoesNotContain(await h.Client.QueryAsync(new WorkflowQuery()), s => s.InstanceId == two.InstanceId);
    }

    [Fact]
    public async Task Large_inputs_and_outputs_spill_to_blobs_and_round_trip()
    {
        var sizes = new MessageSizePolicy();
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, _probe), queuePolicy: sizes);
        var input = new string('x', 200_000);
        var state = await h.RunAsync("Large", input);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(input + "|echoed:" + new string('y', 100_000) + "|done", state.ReadOutput<string>());
        Assert.Equal(input, System.Text.Json.JsonSerializer.Deserialize<string>(state.Input!));
        var stateRow = (await h.StoredRowsAsync(state.InstanceId)).Single(r => r.RowKey == "state");
        Assert.NotNull(stateRow.GetString("InputBlob"));
        Assert.NotNull(stateRow.GetString("OutputBlob"));
        Assert.Null(stateRow.GetString("Input"));
        Assert.True(sizes.Sent >= 3);
        Assert.InRange(sizes.LargestRequestBytes, 1, 64 * 1024); // every message, with its XML envelope, within Azure's 64 KiB
    }

    [Fact]
    public async Task A_code_change_that_breaks_replay_fails_the_instance_with_a_clear_error()
    {
        await using var h = await StartAsync();
        var started = await h.Client.StartAsync("Evolving", "x");
        await h.WaitForHistoryAsync(started.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.ActivityCompleted));
        _probe.Version = 2;
        await h.Client.RaiseEventAsync(started.InstanceId, "Continue", "now");

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Equal("NonDeterminism", state.Failure!.ErrorType);
        Assert.Contains("sequence number 0", state.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Greet'", state.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_an_existing_instance_id_is_a_no_op()
    {
        await using var h = await StartAsync();
        var first = await h.Client.StartAsync("Sequence", new[] { "A" }, "fixed-id-1");
        await h.WaitAsync("fixed-id-1");
        var second = await h.Client.StartAsync("Sequence", new[] { "B" }, "fixed-id-1");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(WorkflowStatus.Completed, second.Status);
        Assert.Equal(["Hello A"], (await h.Client.GetStatusAsync("fixed-id-1"))!.ReadOutput<string[]>()!);
        Assert.Equal(1, _probe.Count("greet:A"));
        Assert.Equal(0, _probe.Count("greet:B"));
    }

    private Task<EngineHarness> StartAsync() => EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, _probe));
}
