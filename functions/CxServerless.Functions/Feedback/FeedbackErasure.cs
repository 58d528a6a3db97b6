using Azure.Data.Tables;
using CxServerless.Functions.Retention;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Feedback;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// Erases a customer's closed feedback loops for the erasure workflow: stops and purges each loop's workflow instances
/// (the loop's, whose input holds the pseudonym, and its task's escalation), then deletes the customer's FeedbackLoops
/// partition (head, loops, attached items) and the follow-up survey requests addressed to the pseudonym.
/// </summary>
/// <remarks>
/// Instances go first: a loop still running could otherwise write its row again after the delete. The follow-up task
/// itself stays (its title names the random loop id, never the customer), closed or no longer driven by a workflow.
/// </remarks>
public sealed class FeedbackErasure(FeedbackLoopStore loops, NotificationStore notifications, DurableTaskClient client)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Erases the customer's loops.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Loop-table rows deleted, notification rows deleted, workflow instances purged.</returns>
    public async Task<(long Loops, long Notifications, long Instances)> EraseAsync(string customerKey, CancellationToken cancellationToken)
    {
        var rows = await loops.RowsAsync(customerKey, cancellationToken);
        long instances = 0;
        foreach (var (loopId, _) in rows.Where(r => r.IsLoop))
        {
            instances += await PurgeAsync(loopId, cancellationToken);
            instances += await PurgeAsync(EscalationRequest.InstanceIdFor(loopId), cancellationToken);
        }

        var deletedLoops = await TableSweep.DeleteRowsAsync(
            loops.Table,
            [.. (await loops.RowsAsync(customerKey, cancellationToken)).Select(r => (customerKey, r.RowKey))],
            cancellationToken);
        await notifications.EnsureAsync(cancellationToken);
        var notes = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerKey}");
        var found = notifications.Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var row in found)
        {
            notes.Add((customerKey, row.RowKey));
        }

        var deletedNotes = await TableSweep.DeleteRowsAsync(notifications.Table, notes, cancellationToken);
        return (deletedLoops, deletedNotes, instances);
    }

    private async Task<long> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return 0;
        }

        if (!state.IsCompleted)
        {
            await client.TerminateInstanceAsync(instanceId, "the customer's data was erased", cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(StopTimeout);
            await client.WaitForInstanceCompletionAsync(instanceId, stop.Token);
        }

        return (await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount;
    }
}
