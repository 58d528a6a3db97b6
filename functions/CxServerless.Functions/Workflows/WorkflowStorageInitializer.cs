using CxServerless.Durable.Client;

namespace CxServerless.Functions.Workflows;

/// <summary>Creates the task hub's tables, queues and container when the handler starts.</summary>
internal sealed class WorkflowStorageInitializer(WorkflowClient client, ILogger<WorkflowStorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException ex)
        {
            // Not fatal: the first message or client call reports the same outage with context.
            logger.LogWarning("Creating the workflow task hub storage failed with HTTP {Status}.", ex.Status);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
