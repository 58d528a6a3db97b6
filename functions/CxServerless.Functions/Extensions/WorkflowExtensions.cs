using CxServerless.Functions.Invocation;
using CxServerless.Functions.Storage;
using CxServerless.Functions.Workflows;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Functions.Extensions;

/// <summary>Wires the workflows into the handler: the hosted Durable Task Framework worker and the management API.</summary>
public static class WorkflowExtensions
{
    /// <summary>
    /// Hosts the task hub on the app's storage account (options from the <c>Workflows</c> section) and adds the
    /// management functions <c>WorkflowList</c>, <c>WorkflowGet</c>, <c>WorkflowRaiseEvent</c>, <c>WorkflowTerminate</c>
    /// and <c>WorkflowPurge</c>.
    /// </summary>
    public static WebApplicationBuilder AddWorkflows(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCxWorkflows(sp => sp.GetRequiredService<StorageAccount>().TaskHubClients())
            .Bind(builder.Configuration.GetSection(WorkflowOptions.SectionName));
        services.AddSingleton<IFunctionHandler, WorkflowListFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowGetFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowRaiseEventFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowTerminateFunction>();
        services.AddSingleton<IFunctionHandler, WorkflowPurgeFunction>();
        return builder;
    }
}
