using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Retention;

/// <summary>
/// Purges finished workflow instances (Completed, Failed, Terminated) whose last update is older than
/// <c>Retention__WorkflowHistoryDays</c>, through the framework's purge, one instance at a time.
/// </summary>
/// <remarks>
/// The framework's filtered purge selects by creation time only, which would also purge an instance that ran for weeks
/// and finished yesterday. So instances created before the cutoff are listed by status, and each one whose last update
/// is before the cutoff is purged by id. An instance whose id contains a held case id (an escalation of a held alert)
/// is kept.
/// </remarks>
public sealed class WorkflowHistoryPurger(
    DurableTaskClient client, LegalHoldStore holds, IOptions<RetentionOptions> options, TimeProvider time)
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Purges once and returns the counts.</summary>
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var days = RetentionClasses.WorkflowHistory.Days(options.Value);
        var cutoff = started.AddDays(-days);
        var held = await holds.SnapshotAsync(cancellationToken);
        var due = new List<string>();
        long kept = 0;
        var query = new OrchestrationQuery(CreatedTo: cutoff, Statuses: Finished, PageSize: 500);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt >= cutoff)
            {
                continue;
            }

            if (held.Cases.Any(id => instance.InstanceId.Contains(id, StringComparison.Ordinal)))
            {
                kept++;
                continue;
            }

            due.Add(instance.InstanceId);
        }

        long purged = 0;
        foreach (var id in due)
        {
            // Purging an instance another run purged first counts zero: the framework reports what it deleted.
            purged += (await client.PurgeInstanceAsync(id, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        var count = new RetentionClassCount(
            RetentionClasses.WorkflowHistory.Name, days, cutoff, RetentionStatuses.Swept, purged, kept);
        return new RetentionRun(PurgeWorkflowHistoryFunction.FunctionName, started, time.GetUtcNow(), [count]);
    }
}
