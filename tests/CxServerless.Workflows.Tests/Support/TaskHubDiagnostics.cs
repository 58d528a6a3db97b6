using System.Text;
using Azure.Storage.Queues;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>Describes the state of a stuck instance and its task hub's queues, for a failure message.</summary>
public static class TaskHubDiagnostics
{
    /// <summary>The instance's status and history, and a peek at every queue of the task hub.</summary>
    public static async Task<string> DescribeAsync(WorkflowHarness harness, string connectionString, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var text = new StringBuilder();
        try
        {
            var state = await harness.Client.GetInstanceAsync(instanceId);
            text.AppendLine($"{instanceId}: {state?.RuntimeStatus.ToString() ?? "unknown"}, updated {state?.LastUpdatedAt:O}");
            text.AppendLine(await harness.StorageClient.GetHistoryJsonAsync(instanceId));
            var queues = new QueueServiceClient(connectionString);
            await foreach (var queue in queues.GetQueuesAsync(prefix: harness.TaskHub.ToLowerInvariant()))
            {
                var client = queues.GetQueueClient(queue.Name);
                var properties = await client.GetPropertiesAsync();
                text.AppendLine($"queue {queue.Name}: about {properties.Value.ApproximateMessagesCount} messages; visible now:");
                foreach (var message in (await client.PeekMessagesAsync(32)).Value)
                {
                    var body = message.Body.ToString();
                    text.AppendLine($"  {message.MessageId} (dequeued {message.DequeueCount}x) {body[..Math.Min(body.Length, 400)]}");
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            text.AppendLine($"(could not describe the task hub: {ex.Message})");
        }

        return text.ToString();
    }
}
