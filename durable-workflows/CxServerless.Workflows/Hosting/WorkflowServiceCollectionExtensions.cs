using CxServerless.Workflows.Client;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Workflows.Hosting;

/// <summary>Registers the hosted Durable Task Framework worker, its client and the app's workflows.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the task hub on the given storage account: the <see cref="WorkflowHost"/> (a hosted service that
    /// runs the framework's worker), the <see cref="DurableTaskClient"/>, and the orchestrators and activities of
    /// <see cref="CxWorkflowCatalog"/> plus any that <paramref name="register"/> adds.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="storage">Builds the storage clients: a connection string locally, service URIs and a token credential in Azure.</param>
    /// <param name="register">Adds further orchestrators and activities (tests, tools); may be null.</param>
    /// <returns>The options builder, to bind or configure <see cref="WorkflowOptions"/>; they are validated at start-up.</returns>
    public static OptionsBuilder<WorkflowOptions> AddCxWorkflows(
        this IServiceCollection services,
        Func<IServiceProvider, StorageAccountClientProvider> storage,
        Action<WorkflowRegistry>? register = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        var registry = CxWorkflowCatalog.Register(new WorkflowRegistry());
        register?.Invoke(registry);
        services.TryAddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = options.TaskHub,
                PartitionCount = options.PartitionCount,
                StorageAccountClientProvider = storage(sp),
                MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
                MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
                ExtendedSessionsEnabled = options.ExtendedSessions,
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                ControlQueueBatchSize = options.ControlQueueBatchSize,
                ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,

                // A start refused by de-duplication throws, as in Durable Functions, instead of passing silently.
                ThrowExceptionOnInvalidDedupeStatus = true,
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            });
        });
        services.TryAddSingleton<WorkflowHost>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowHost>());
        services.TryAddSingleton(sp => new AzureStorageDurableTaskClient(
            sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.TaskHub,
            sp.GetRequiredService<AzureStorageOrchestrationService>(),
            WorkflowSerialization.Converter,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<AzureStorageDurableTaskClient>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>());
        return services.AddOptions<WorkflowOptions>().ValidateOnStart();
    }
}
