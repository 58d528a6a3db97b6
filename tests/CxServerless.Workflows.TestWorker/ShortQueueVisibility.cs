using CxServerless.Workflows.Hosting;
using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Workflows.TestWorker;

/// <summary>
/// Replaces the orchestration service that <see cref="WorkflowServiceCollectionExtensions.AddCxWorkflows"/> registers by
/// one with the same settings and shorter queue visibility timeouts.
/// </summary>
/// <remarks>
/// A message that a worker dequeued stays invisible for the provider's visibility timeout (5 minutes by default) unless
/// the worker completes or abandons it; when the worker dies or storage goes away meanwhile, the message comes back
/// only after that time. <see cref="WorkflowOptions"/> does not expose these timeouts, so the crash and outage tests
/// set them here to keep recovery within seconds; the settings are otherwise those of AddCxWorkflows.
/// </remarks>
public static class ShortQueueVisibility
{
    /// <summary>Registers the orchestration service with the given control and work-item queue visibility timeouts.</summary>
    /// <param name="services">The services; call before or after AddCxWorkflows.</param>
    /// <param name="connectionString">The storage connection string.</param>
    /// <param name="visibility">The visibility timeout of dequeued messages.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection UseShortQueueVisibility(this IServiceCollection services, string connectionString, TimeSpan visibility)
    {
        services.RemoveAll<AzureStorageOrchestrationService>();
        return services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = options.TaskHub,
                PartitionCount = options.PartitionCount,
                StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
                MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
                MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
                ExtendedSessionsEnabled = options.ExtendedSessions,
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                ControlQueueBatchSize = options.ControlQueueBatchSize,
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
                ControlQueueVisibilityTimeout = visibility,
                WorkItemQueueVisibilityTimeout = visibility,
            });
        });
    }
}
