using Azure.Data.Tables;
using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.TestWorker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CxServerless.Workflows.Tests.Faults;

/// <summary>A worker process killed mid-workflow: another process on the task hub finishes its work, each step recorded once.</summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Instances = 20;
    private const int Steps = 5;

    [Fact]
    public async Task Workflows_of_a_killed_worker_process_complete_on_a_new_one_with_each_step_recorded_once()
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
        var starts = Enumerable.Range(0, Instances).ToDictionary(i => $"crash-{i}", i => i * 100);

        // Queue visibility of 30 s, the lease interval: what the killed process held comes back within the lease takeover.
        await using var first = WorkerProcess.Start(azurite.ConnectionString, h.TaskHub, tableName, partitions: 4, visibilitySeconds: 30);
        await first.WaitReadyAsync();
        foreach (var (id, start) in starts)
        {
            // A timer and a slow step each time: every instance takes several seconds.
            await h.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(StepSequence), new StepSequenceInput(start, Steps, DelayMs: 500, TimerMs: 500), new StartOrchestrationOptions(id));
        }

        var recorded = 0;
        await Eventually.UntilAsync(
            async () => (recorded = (await records.ReadRecordsAsync()).Count) >= Instances,
            TimeSpan.FromSeconds(60),
            () => $"The first worker recorded {recorded} steps in 60 s.\n{first.Log}");
        first.Kill();
        output.WriteLine($"Killed the first worker after {recorded} of {Instances * Steps} steps were recorded.");
        Assert.InRange(recorded, Instances, (Instances * Steps) - 1);

        await using var second = WorkerProcess.Start(azurite.ConnectionString, h.TaskHub, tableName, partitions: 4, visibilitySeconds: 30);
        await second.WaitReadyAsync();
        foreach (var (id, start) in starts)
        {
            var state = await WaitOrDescribeAsync(h, id, second);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
            Assert.Equal(start + Steps, state.ReadOutputAs<int>());
        }

        var written = await StepRecordChecks.AssertEachStepRecordedOnceAsync(records, starts, Steps);
        var attempts = await records.ReadAttemptsAsync();
        Assert.True(attempts.Count >= written.Count);
        var repeated = attempts.GroupBy(a => (a.InstanceId, a.Step)).Count(g => g.Count() > 1);
        output.WriteLine($"{attempts.Count} attempts for {written.Count} records; {repeated} steps ran more than once.");
        Assert.False(second.HasExited, $"The second worker died.\n{second.Log}");
    }

    private async Task<OrchestrationMetadata> WaitOrDescribeAsync(WorkflowHarness h, string id, WorkerProcess worker)
    {
        try
        {
            return await h.WaitAsync(id, 180);
        }
        catch (TimeoutException)
        {
            output.WriteLine(await TaskHubDiagnostics.DescribeAsync(h, azurite.ConnectionString, id));
            output.WriteLine($"Worker:\n{worker.Log}");
            throw;
        }
    }
}
