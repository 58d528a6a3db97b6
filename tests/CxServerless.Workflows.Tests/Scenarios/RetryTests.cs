using CxServerless.Testing;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using Microsoft.DurableTask.Client;

namespace CxServerless.Workflows.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class RetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_activity_that_fails_twice_succeeds_on_its_third_attempt_under_a_retry_policy()
    {
        var probe = new Probe();
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString, probe);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingCall), new RetryInput(Failures: 2, MaxAttempts: 5));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(new RetryOutcome("succeeded", 3, null, null), state.ReadOutputAs<RetryOutcome>());
        Assert.Equal(3, probe.Count(id));
    }

    [Fact]
    public async Task When_retries_are_exhausted_the_orchestrator_catches_the_failure_and_falls_back()
    {
        var probe = new Probe();
        await using var h = await ScenarioWorkflows.StartAsync(azurite.ConnectionString, probe);

        var id = await h.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingCall), new RetryInput(Failures: 10, MaxAttempts: 3));
        var state = await h.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var outcome = state.ReadOutputAs<RetryOutcome>();
        Assert.NotNull(outcome);
        Assert.Equal("fallback", outcome.Value);
        Assert.Equal(typeof(InvalidOperationException).FullName, outcome.ErrorType);
        Assert.Equal("Attempt 3 failed on purpose.", outcome.ErrorMessage);
        Assert.Equal(3, probe.Count(id));
    }
}
