using CxServerless.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>Starts a harness with every scenario workflow registered and a <see cref="Probe"/> for their activities.</summary>
public static class ScenarioWorkflows
{
    /// <summary>Adds every scenario orchestrator and activity.</summary>
    public static WorkflowRegistry Register(WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<Sequence>().AddOrchestrator<FanOutFanIn>().AddOrchestrator<RetryingCall>().AddOrchestrator<EventOrTimer>()
            .AddOrchestrator<ActivityThenEvent>().AddOrchestrator<WaitForApproval>().AddOrchestrator<Escalation>()
            .AddOrchestrator<Countdown>().AddOrchestrator<ParentOfSequence>().AddOrchestrator<DurableDelay>().AddOrchestrator<EchoTwice>()
            .AddActivity<AddOne>().AddActivity<Flaky>().AddActivity<GatedStep>().AddActivity<Echo>();
    }

    /// <summary>Starts a harness on a new task hub of the given Azurite with the scenario workflows and the probe.</summary>
    public static Task<WorkflowHarness> StartAsync(
        string connectionString, Probe? probe = null, Action<WorkflowOptions>? configure = null) =>
        WorkflowHarness.StartAsync(connectionString, r => Register(r), configure, s => s.AddSingleton(probe ?? new Probe()));
}
