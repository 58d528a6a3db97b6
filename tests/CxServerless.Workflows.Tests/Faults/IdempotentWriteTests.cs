using Azure.Data.Tables;
using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.TestWorker;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Faults;

/// <summary>
/// The idempotency pattern of user-visible writes: an activity's record is keyed by the instance and the step and
/// inserted with AddEntity, and a 409 Conflict means an earlier attempt wrote it. An activity may run more than once
/// (a retry, a redelivery after a crash); its record must be written once.
/// </summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class IdempotentWriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_second_write_of_the_same_step_is_refused_and_keeps_the_first_record()
    {
        var records = await CreateTableAsync();

        Assert.True(await records.TryAddRecordAsync("instance", 1, 11));
        Assert.False(await records.TryAddRecordAsync("instance", 1, 99));

        var record = Assert.Single(await records.ReadRecordsAsync());
        Assert.Equal(new StepRecord("instance", 1, 11, Environment.ProcessId), record);
    }

    [Fact]
    public async Task Steps_that_ran_twice_after_writing_their_records_leave_one_record_each()
    {
        var records = await CreateTableAsync();
        await using var h = await WorkflowHarness.StartAsync(
            azurite.ConnectionString, r => StepWorkflows.Register(r), services: s => s.AddSingleton(records));
        var id = "idempotent-" + Guid.NewGuid().ToString("N");

        // Each step fails on its first attempt after writing its record, as a worker that died before reporting would.
        await h.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(StepSequence), new StepSequenceInput(10, 3, FailuresAfterWrite: 1), new StartOrchestrationOptions(id));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(13, state.ReadOutputAs<int>());
        await StepRecordChecks.AssertEachStepRecordedOnceAsync(records, new Dictionary<string, int> { [id] = 10 }, 3);
        var attempts = await records.ReadAttemptsAsync();
        Assert.Equal([2, 2, 2], attempts.GroupBy(a => a.Step).OrderBy(g => g.Key).Select(g => g.Count()));
        var history = await h.HistoryAsync(id);
        Assert.Equal(3, history.Count(EventType.TaskFailed));
        Assert.Equal(3, history.Count(EventType.TaskCompleted));
    }

    private async Task<StepRecordTable> CreateTableAsync()
    {
        var records = new StepRecordTable(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("records")));
        await records.CreateIfNotExistsAsync();
        return records;
    }
}
