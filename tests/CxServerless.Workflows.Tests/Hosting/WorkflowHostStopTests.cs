using CxServerless.Testing;
using CxServerless.Workflows.Hosting;
using CxServerless.Workflows.Tests.Support;
using CxServerless.Workflows.Tests.Support.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Hosting;

/// <summary>
/// The host stops its worker and the container disposes it, in either order or at once (a web host's shutdown does
/// both on two threads). Disposal must not pull the cancellation source from under a stop that is still draining.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowHostStopTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Disposing_while_a_stop_drains_waits_for_that_stop_and_a_second_stop_is_the_same_stop()
    {
        await using var h = await WorkflowHarness.StartAsync(
            azurite.ConnectionString, r => r.AddOrchestrator<Sequence>().AddActivity<AddOne>());
        var host = h.Services.GetRequiredService<WorkflowHost>();
        Assert.True(host.IsRunning);

        var stop = host.StopAsync(CancellationToken.None);
        Assert.Same(stop, host.StopAsync(CancellationToken.None));
        await host.DisposeAsync();

        Assert.True(stop.IsCompletedSuccessfully); // disposal returned only once the worker had stopped
        Assert.False(host.IsRunning);
        await host.StopAsync(CancellationToken.None); // after disposal: the same finished stop, no disposed source touched
    }
}
