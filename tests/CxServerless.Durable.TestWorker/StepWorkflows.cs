using CxServerless.Durable.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Durable.TestWorker;

/// <summary>The workflows the multi-process test and the benchmark run: a three-activity sequence over a number.</summary>
public static class StepWorkflows
{
    /// <summary>The orchestrator name.</summary>
    public const string Sequence = "ThreeSteps";

    /// <summary>Registers the orchestrator and its activity.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddActivity<int, int>("AddOne", (n, _) => Task.FromResult(n + 1));
        services.AddOrchestrator<int, int>(Sequence, async (ctx, n) =>
        {
            n = await ctx.CallActivityAsync<int>("AddOne", n);
            n = await ctx.CallActivityAsync<int>("AddOne", n);
            return await ctx.CallActivityAsync<int>("AddOne", n);
        });
    }
}
