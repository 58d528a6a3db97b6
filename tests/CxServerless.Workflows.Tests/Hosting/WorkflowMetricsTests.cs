using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Hosting;

/// <summary>The hosted worker counts finished orchestrations by status and activity executions by outcome.</summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowMetricsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_completed_and_a_failed_orchestration_are_counted_by_name_and_status_with_their_activities()
    {
        using var recorded = new RecordedMeasurements("cx.workflows.orchestrations", "cx.workflows.activities");
        await using var h = await WorkflowHarness.StartAsync(
            azurite.ConnectionString, r => r.AddOrchestrator<Sequence>().AddActivity<AddOne>().AddOrchestrator<FailingOrchestrator>());

        var completed = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequence), 1);
        var failed = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FailingOrchestrator), 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.WaitAsync(completed)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await h.WaitAsync(failed)).RuntimeStatus);
        Assert.NotEmpty(recorded.Of("cx.workflows.orchestrations", ("name", nameof(Sequence)), ("status", "Completed")));
        Assert.NotEmpty(recorded.Of("cx.workflows.orchestrations", ("name", nameof(FailingOrchestrator)), ("status", "Failed")));
        Assert.True(recorded.Of("cx.workflows.activities", ("name", nameof(AddOne)), ("outcome", "completed")).Count >= 3);
    }

    [Fact]
    public async Task Each_failed_attempt_of_an_activity_is_counted_as_failed()
    {
        using var recorded = new RecordedMeasurements("cx.workflows.activities");
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingCall), new RetryInput(Failures: 10, MaxAttempts: 3));
        await h.WaitAsync(id);

        Assert.True(recorded.Of("cx.workflows.activities", ("name", nameof(Flaky)), ("outcome", "failed")).Count >= 3);
    }

    /// <summary>Fails on its first episode.</summary>
    [DurableTask(nameof(FailingOrchestrator))]
    public sealed class FailingOrchestrator : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) =>
            throw new InvalidOperationException("Failing on purpose.");
    }
}
