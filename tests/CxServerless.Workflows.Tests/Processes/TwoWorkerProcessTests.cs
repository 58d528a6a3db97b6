using Azure.Data.Tables;
using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.TestWorker;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CxServerless.Workflows.Tests.Processes;

/// <summary>Two worker processes share one task hub of 4 partitions: 200 concurrent orchestrations, none lost, none doubled.</summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class TwoWorkerProcessTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Instances = 200;
    private const int Steps = 3;

    [Fact]
    public async Task Two_worker_processes_finish_200_orchestrations_with_no_step_lost_or_doubled()
    {
        var tableName = AzuriteFixture.UniqueName("records");
        var records = new StepRecordTable(new TableClient(azurite.ConnectionString, tableName));
        await records.CreateIfNotExistsAsync();
        await using var h = await WorkflowHarness.StartAsync(
            azurite.ConnectionString,
            r => StepWorkflows.Register(r),
            o => o.PartitionCount = 4,
            s => s.AddSingleton(records),
            startWorker: false);
        await using var a = WorkerProcess.Start(azurite.ConnectionString, h.TaskHub, tableName, partitions: 4);
        await using var b = WorkerProcess.Start(azurite.ConnectionString, h.TaskHub, tableName, partitions: 4);
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());

        var starts = Enumerable.Range(0, Instances).ToDictionary(i => $"multi-{i}", i => i * 10);
        await Parallel.ForEachAsync(starts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, ct) =>
            await h.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(StepSequence), new StepSequenceInput(s.Value, Steps), new StartOrchestrationOptions(s.Key), ct));

        foreach (var (id, start) in starts)
        {
            var state = await WaitOrDescribeAsync(h, id, a, b);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
            Assert.Equal(start + Steps, state.ReadOutputAs<int>());
        }

        await Parallel.ForEachAsync(starts.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            var history = await h.HistoryAsync(id);
            Assert.Equal(Steps, history.Count(EventType.TaskScheduled));
            Assert.Equal(Steps, history.Count(EventType.TaskCompleted));
            Assert.Equal(1, history.Count(EventType.ExecutionCompleted));
        });
        await StepRecordChecks.AssertEachStepRecordedOnceAsync(records, starts, Steps);

        Assert.False(a.HasExited, $"Worker A died.\n{a.Log}");
        Assert.False(b.HasExited, $"Worker B died.\n{b.Log}");
        var attempts = await records.ReadAttemptsAsync();
        var byProcess = attempts.GroupBy(x => x.ProcessId).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Steps run by process: {string.Join(", ", byProcess.Select(p => $"{p.Key}: {p.Value}"))}.");
        Assert.True(byProcess.ContainsKey(a.Id) && byProcess.ContainsKey(b.Id), "Both worker processes should have run steps.");
    }

    private async Task<OrchestrationMetadata> WaitOrDescribeAsync(WorkflowHarness h, string id, WorkerProcess a, WorkerProcess b)
    {
        try
        {
            return await h.WaitAsync(id, 240);
        }
        catch (TimeoutException)
        {
            output.WriteLine(await TaskHubDiagnostics.DescribeAsync(h, azurite.ConnectionString, id));
            output.WriteLine($"Worker A:\n{a.Log}\nWorker B:\n{b.Log}");
            throw;
        }
    }
}
