using Azure.Data.Tables;
using CxServerless.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.TestWorker;

/// <summary>Registers the step workflows and the records table they write to, in the worker process and in the tests.</summary>
public static class StepWorkflows
{
    /// <summary>Adds <see cref="StepSequence"/> and <see cref="RecordStep"/> to a registry.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The same registry.</returns>
    public static WorkflowRegistry Register(WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddOrchestrator<StepSequence>().AddActivity<RecordStep>();
    }

    /// <summary>Adds the <see cref="StepRecordTable"/> the steps write to.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The storage connection string.</param>
    /// <param name="tableName">The records table.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStepRecords(this IServiceCollection services, string connectionString, string tableName) =>
        services.AddSingleton(new StepRecordTable(new TableClient(connectionString, tableName)));
}
