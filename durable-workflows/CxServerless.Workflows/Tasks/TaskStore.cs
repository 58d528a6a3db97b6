using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Escalation;

namespace CxServerless.Workflows.Tasks;

/// <summary>
/// The Tasks read model: one row per task (partition <c>task</c>) and its timeline (partition <c>tl-{taskId}</c>).
/// Every write is idempotent: a task and a timeline entry are inserted only when absent, and updates are ETag-guarded
/// read-modify-writes, so an activity that runs twice changes nothing the second time.
/// </summary>
public sealed class TaskStore(TableClient table)
{
    private const int MaxUpdateAttempts = 8;

    private bool _ensured;

    /// <summary>Gets the table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_ensured)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _ensured = true;
        }
    }

    /// <summary>Inserts a task unless one with its id exists.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call created it.</returns>
    public async Task<bool> CreateIfAbsentAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await EnsureAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(task.ToEntity(), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Reads a task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, or null.</returns>
    public async Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TaskRecord.PartitionKey, taskId, cancellationToken: cancellationToken);
        return row.HasValue ? TaskRecord.FromEntity(row.Value!) : null;
    }

    /// <summary>Applies <paramref name="change"/> to a task, retrying when another writer got there first.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="change">The change; returning the same instance writes nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task after the change, or null when there is no such task.</returns>
    public async Task<TaskRecord?> UpdateAsync(string taskId, Func<TaskRecord, TaskRecord> change, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(
                TaskRecord.PartitionKey, taskId, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }

            var current = TaskRecord.FromEntity(row.Value!);
            var next = change(current);
            if (ReferenceEquals(next, current) || next == current)
            {
                return current;
            }

            try
            {
                await table.UpdateEntityAsync(next.ToEntity(), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxUpdateAttempts)
            {
                // Another writer changed the row between our read and write: read it again.
            }
        }
    }

    /// <summary>Appends a timeline entry unless one with its key exists.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call wrote it.</returns>
    public async Task<bool> AppendAsync(string taskId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(TimelinePartition(taskId), $"{entry.At.UtcTicks:D20}-{entry.Key}")
        {
            ["Key"] = entry.Key,
            ["At"] = entry.At,
            ["Kind"] = entry.Kind,
            ["By"] = entry.By,
            ["Text"] = entry.Text,
            ["Person"] = entry.Person,
        };

        // The key alone decides whether the entry exists: a re-run at a later time must not add it again.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TimelinePartition(taskId)} and Key eq {entry.Key}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["Key"], cancellationToken: cancellationToken))
        {
            return false;
        }

        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Finds a timeline entry by its key.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="key">The entry's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or null.</returns>
    public async Task<TimelineEntry?> FindAsync(string taskId, string key, CancellationToken cancellationToken) =>
        (await TimelineAsync(taskId, cancellationToken)).FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));

    /// <summary>Reads a task's timeline, oldest first.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string taskId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var entries = new List<TimelineEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TimelinePartition(taskId)}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(new TimelineEntry(
                e.GetString("Key") ?? e.RowKey, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, e.GetString("Kind") ?? string.Empty,
                e.GetString("By") ?? string.Empty, e.GetString("Text") ?? string.Empty, e.GetString("Person")));
        }

        return entries;
    }

    /// <summary>Reads every task.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tasks, newest first.</returns>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var tasks = new List<TaskRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TaskRecord.PartitionKey}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            tasks.Add(TaskRecord.FromEntity(e));
        }

        return [.. tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal)];
    }

    /// <summary>Each assignee's open tasks and the time of their latest assignment, for the assignment policy.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workload by person id.</returns>
    public async Task<IReadOnlyDictionary<string, Workload>> WorkloadAsync(CancellationToken cancellationToken)
    {
        var tasks = await ListAsync(cancellationToken);
        return tasks
            .Where(t => t.Assignee is not null)
            .GroupBy(t => t.Assignee!, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new Workload(g.Count(t => !t.IsClosed), g.Max(t => (DateTimeOffset?)(t.AssignedAt ?? t.CreatedAt))),
                StringComparer.Ordinal);
    }

    private static string TimelinePartition(string taskId) => "tl-" + taskId;
}
