using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Storage;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class HistoryStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_commit_on_a_stale_ETag_is_a_conflict_and_changes_nothing()
    {
        await using var h = await EngineHarness.StartAsync(azurite, _ => { }, startWorker: false);
        var store = h.Engine.Backend.History;
        await h.Client.StartAsync("Nothing", null, "etag-1");
        var loaded = (await store.LoadAsync("etag-1", CancellationToken.None))!;
        var next = loaded.State with { Episode = 1, EventCount = 2 };
        HistoryEvent[] episode = [new() { Kind = HistoryEventKind.EpisodeStarted, Index = 1, Episode = 1, Timestamp = DateTimeOffset.UtcNow }];

        await store.CommitAsync(loaded, next, episode, CancellationToken.None);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => store.CommitAsync(loaded, next with { Status = WorkflowStatus.Failed }, episode, CancellationToken.None));

        var reloaded = (await store.LoadAsync("etag-1", CancellationToken.None))!;
        Assert.Equal(WorkflowStatus.Pending, reloaded.State.Status);
        Assert.Equal(2, reloaded.Events.Count);
    }

    [Fact]
    public async Task An_episode_larger_than_one_transaction_spills_over_several_and_completes()
    {
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), worker: o => o.ActivityConcurrency = 32);
        var state = await h.RunAsync("FanOut", 150, timeoutSeconds: 120);

        Assert.Equal(Enumerable.Range(1, 150).Sum(i => i * i), state.ReadOutput<int>());
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        Assert.Equal(150, history.Count(e => e.Kind == HistoryEventKind.ActivityScheduled));
        Assert.Equal(150, history.Count(e => e.Kind == HistoryEventKind.ActivityCompleted));
        Assert.Equal(history.Count + 1, (await h.StoredRowsAsync(state.InstanceId)).Count);
    }

    [Fact]
    public async Task Invalid_instance_ids_are_refused_with_a_clear_error()
    {
        await using var h = await EngineHarness.StartAsync(azurite, _ => { }, startWorker: false);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.StartAsync("X", null, "a/b"));
        Assert.Contains("not a valid key", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.RaiseEventAsync("missing", "E"));
    }

    [Fact]
    public async Task The_instance_index_answers_queries_and_is_repaired_from_history()
    {
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var done = await h.RunAsync("Sequence", new[] { "A" });
        var waiting = await h.Client.StartAsync("WaitForever", "x");
        await h.WaitForHistoryAsync(waiting.InstanceId, e => e.Any(x => x.Kind == HistoryEventKind.EpisodeStarted));

        var running = await h.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Running, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal([waiting.InstanceId], running.Select(s => s.InstanceId));
        Assert.Empty(await h.Client.QueryAsync(new WorkflowQuery(CreatedFrom: DateTimeOffset.UtcNow.AddMinutes(1))));

        await h.Engine.Backend.Index.Table.DeleteEntityAsync(InstanceIndex.DayOf(done.CreatedAt), done.InstanceId);
        Assert.DoesNotContain(await h.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Completed)), s => s.InstanceId == done.InstanceId);
        Assert.Equal(2, await h.Client.RepairIndexAsync());
        Assert.Contains(await h.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Completed)), s => s.InstanceId == done.InstanceId);
    }

    [Fact]
    public async Task Reads_of_a_hub_never_written_to_return_nothing_and_create_nothing()
    {
        await using var h = await EngineHarness.StartAsync(azurite, _ => { }, startWorker: false, taskHub: AzuriteFixture.UniqueName("unused"), createStorage: false);

        Assert.Null(await h.Client.GetStatusAsync("any", includeHistory: true));
        Assert.Null(await h.Client.GetStatusAsync("any"));
        Assert.Empty(await h.Client.QueryAsync(new WorkflowQuery(WorkflowStatus.Running)));
        Assert.Equal(0, await h.Client.RepairIndexAsync());
        Assert.False(await h.Client.PurgeAsync("any"));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.TerminateAsync("any"));

        var tables = new List<string>();
        await foreach (var table in azurite.Tables.QueryAsync(t => t.Name == h.Client.Names.HistoryTable))
        {
            tables.Add(table.Name);
        }

        Assert.Empty(tables);
    }
}
