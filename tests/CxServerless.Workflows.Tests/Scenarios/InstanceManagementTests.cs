using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support.Workflows;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class InstanceManagementTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Terminating_an_instance_that_waits_for_an_event_ends_it_with_the_given_output()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval));
        await h.WaitForCustomStatusAsync(id, "waiting");
        await h.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stopped by the test"));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("stopped by the test", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purging_a_completed_instance_removes_it()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequence), 1);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.WaitAsync(id)).RuntimeStatus);

        var result = await h.Client.PurgeInstanceAsync(id);

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await h.Client.GetInstanceAsync(id));
        Assert.Empty((await h.HistoryAsync(id)).Events);
    }

    [Fact]
    public async Task Starting_an_instance_id_that_is_already_running_leaves_the_running_instance_alone()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);
        var id = "dedupe-" + Guid.NewGuid().ToString("N");
        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), "first", new StartOrchestrationOptions(id));
        await h.WaitForCustomStatusAsync(id, "waiting");

        try
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), "second", new StartOrchestrationOptions(id));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Refused loudly: what the next test asks for.
        }

        await h.Client.RaiseEventAsync(id, "approval", "approved");
        var state = await h.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("first", state.ReadInputAs<string>());
        Assert.Equal("approved", state.ReadOutputAs<string>());
        var history = await h.HistoryAsync(id);
        Assert.Single(history.OfType(EventType.ExecutionStarted));
    }

    [Fact]
    public async Task Starting_an_instance_id_that_is_already_running_throws_OrchestrationAlreadyExistsException()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);
        var id = "dedupe-" + Guid.NewGuid().ToString("N");
        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), "first", new StartOrchestrationOptions(id));
        await h.WaitForCustomStatusAsync(id, "waiting");

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), "second", new StartOrchestrationOptions(id)));
    }

    [Fact]
    public async Task A_query_by_instance_id_prefix_pages_with_a_continuation_token()
    {
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);
        var ids = Enumerable.Range(0, 7).Select(i => $"page-{i}").ToHashSet();
        foreach (var id in ids)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), new StartOrchestrationOptions(id));
        }

        await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForApproval), new StartOrchestrationOptions("other-0"));

        var pages = new List<(IReadOnlyList<string> Ids, string? Token)>();
        var query = new OrchestrationQuery { InstanceIdPrefix = "page-", PageSize = 3 };
        await foreach (var page in h.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(([.. page.Values.Select(s => s.InstanceId)], page.ContinuationToken));
        }

        Assert.All(pages, p => Assert.InRange(p.Ids.Count, 0, 3));
        Assert.True(pages.Count >= 3, $"Expected at least 3 pages of at most 3, got {pages.Count}.");
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.Token));
        Assert.Null(pages[^1].Token);
        var returned = pages.SelectMany(p => p.Ids).ToList();
        Assert.Equal(ids.Count, returned.Count);
        Assert.Equal(ids, returned.ToHashSet());
    }
}
