using Azure.Data.Tables;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.TestWorker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CxServerless.Workflows.Tests.Faults;

/// <summary>
/// Storage goes away for 30 s mid-workflow and comes back with its data: every workflow completes, each step recorded
/// once. Storage is stopped while every instance's first step is in its 2-second delay, so those steps finish during
/// the outage and cannot report.
/// </summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Instances = 10;
    private const int Steps = 4;

    // Before ActivityOutageGuard this failed: DurableTask.AzureStorage 2.11.3 keeps an activity whose completion could not
    // reach storage in its in-flight map and refuses every redelivery of it (Azure/durabletask#1173).
    [Fact]
    public async Task Workflows_complete_with_each_step_recorded_once_after_storage_is_down_for_30_seconds()
    {
        using var log = new CapturingLoggerProvider();
        await using var storage = await AzuriteProcess.StartAsync();
        var records = new StepRecordTable(new TableClient(storage.ConnectionString, "records"));
        await records.CreateIfNotExistsAsync();
        await using var h = await WorkflowHarness.StartAsync(
            storage.ConnectionString,
            r => StepWorkflows.Register(r),
            configure: o =>
            {
                // Shorter than the outage, so messages also come round again while their first completion still retries.
                o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20);
                o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(20);
            },
            services: s => s.AddSingleton(records)
                .AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information)));
        var starts = Enumerable.Range(0, Instances).ToDictionary(i => $"outage-{i}", i => i * 100);
        foreach (var (id, start) in starts)
        {
            await h.Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(StepSequence), new StepSequenceInput(start, Steps, DelayMs: 2000), new StartOrchestrationOptions(id));
        }

        var recorded = 0;
        await Eventually.UntilAsync(
            async () => (recorded = (await records.ReadRecordsAsync()).Count) >= Instances,
            TimeSpan.FromSeconds(60),
            () => $"Only {recorded} steps were recorded in 60 s.");
        await storage.StopAsync();
        output.WriteLine($"Stopped storage after {recorded} of {Instances * Steps} steps were recorded.");
        Assert.InRange(recorded, Instances, (Instances * Steps) - 1);
        await Task.Delay(TimeSpan.FromSeconds(30));
        await storage.RestartAsync();

        foreach (var (id, start) in starts)
        {
            OrchestrationMetadata state;
            try
            {
                state = await h.WaitAsync(id, 180);
            }
            catch (TimeoutException)
            {
                output.WriteLine(await TaskHubDiagnostics.DescribeAsync(h, storage.ConnectionString, id));
                output.WriteLine(string.Join('\n', log.Lines));
                throw;
            }

            Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
            Assert.Equal(start + Steps, state.ReadOutputAs<int>());
        }

        var written = await StepRecordChecks.AssertEachStepRecordedOnceAsync(records, starts, Steps);
        var attempts = await records.ReadAttemptsAsync();
        var repeated = attempts.GroupBy(a => (a.InstanceId, a.Step)).Count(g => g.Count() > 1);
        output.WriteLine($"{attempts.Count} attempts for {written.Count} records; {repeated} steps ran more than once.");
    }
}
