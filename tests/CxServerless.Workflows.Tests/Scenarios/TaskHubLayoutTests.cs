using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;

namespace CxServerless.Workflows.Tests.Scenarios;

/// <summary>The storage a task hub occupies, as docs/workflows.md describes it.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TaskHubLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_task_hub_keeps_its_state_in_tables_queues_and_containers_named_after_it()
    {
        await using var h = await WorkflowHarness.StartAsync(azurite.ConnectionString, r => r.AddOrchestrator<Sequence>().AddActivity<AddOne>());
        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequence), 1);
        await h.WaitAsync(id);
        var hub = h.TaskHub;
        var lower = hub.ToLowerInvariant();

        var tables = new List<string>();
        await foreach (var t in azurite.Tables.QueryAsync(t => t.Name.CompareTo(hub) >= 0 && t.Name.CompareTo(hub + "~") < 0))
        {
            tables.Add(t.Name);
        }

        var queues = new List<string>();
        await foreach (var q in azurite.Queues.GetQueuesAsync(prefix: lower))
        {
            queues.Add(q.Name);
        }

        var containers = new List<string>();
        await foreach (var c in azurite.Blobs.GetBlobContainersAsync(prefix: lower))
        {
            containers.Add(c.Name);
        }

        // Partition ownership lives in the Partitions table (the provider's table partition manager); the app lease
        // container keeps two app versions from running on one hub at once. Large messages get a container when needed.
        Assert.Equal([hub + "History", hub + "Instances", hub + "Partitions"], tables.Order(StringComparer.Ordinal));
        Assert.Equal([lower + "-control-00", lower + "-control-01", lower + "-workitems"], queues.Order(StringComparer.Ordinal));
        Assert.Equal([lower + "-applease"], containers);
    }
}
