using CxServerless.Durable;
using CxServerless.Durable.Engine;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using CxServerless.Functions.Workflows;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the durable engine into the handler: its storage, the queue-triggered functions and the admin API.</summary>
public static class WorkflowExtensions
{
    /// <summary>
    /// Adds the engine (options from the <c>Workflow</c> section), one <c>WorkflowControl{i}</c> handler per control
    /// partition, <c>WorkflowActivity</c>, <c>WorkflowPoisonSweep</c>, and the admin endpoints <c>WorkflowGet</c> and <c>WorkflowList</c>.
    /// </summary>
    public static WebApplicationBuilder AddWorkflows(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var account = sp.GetRequiredService<StorageAccount>();
            return new DurableStorageAccount(account.Tables, account.Queues, account.Blobs);
        });
        services.AddDurableEngine();
        services.AddOptions<DurableOptions>().Bind(builder.Configuration.GetSection(DurableOptions.SectionName));

        var partitions = builder.Configuration.GetValue($"{DurableOptions.SectionName}:ControlPartitions", new DurableOptions().ControlPartitions);
        for (var i = 0; i < partitions; i++)
        {
            var partition = i;
            services.AddSingleton<IFunctionHandler>(sp => new WorkflowControlFunction(partition, sp.GetRequiredService<WorkflowEngine>()));
        }

        services.AddSingleton<IFunctionHandler, WorkflowActivityFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowPoisonSweepFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowGetFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowListFunction>();
        return builder;
    }
}
