using Azure;
using Azure.Data.Tables;

namespace CxServerless.Workflows.TestWorker;

/// <summary>
/// The table the test activities write their user-visible records to, the way the product's activities will: one row
/// per (instance, step), keyed by both, inserted with <c>AddEntity</c> so that a second insert of the same key fails
/// with 409 Conflict and is taken as "already written". Every attempt is also logged, in a partition of its own, so a
/// test can tell how often a step ran.
/// </summary>
public sealed class StepRecordTable
{
    /// <summary>The partition of the records.</summary>
    public const string RecordPartition = "record";

    /// <summary>The partition of the attempts.</summary>
    public const string AttemptPartition = "attempt";

    private const int Conflict = 409;

    /// <summary>Initializes the table client.</summary>
    /// <param name="table">The table (it is created by <see cref="CreateIfNotExistsAsync"/>).</param>
    public StepRecordTable(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
    }

    /// <summary>Gets the table client.</summary>
    public TableClient Table { get; }

    /// <summary>The row key of the record of one step of one instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="step">The step number.</param>
    /// <returns>The key, derived from nothing but the instance and the step.</returns>
    public static string RecordKey(string instanceId, int step) => $"{instanceId}-{step}";

    /// <summary>Creates the table when it does not exist.</summary>
    /// <returns>A task that completes when the table exists.</returns>
    public async Task CreateIfNotExistsAsync() => await Table.CreateIfNotExistsAsync();

    /// <summary>Logs one attempt of a step and returns how many attempts of it there have been, this one included.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="step">The step number.</param>
    /// <param name="cancellation">Cancels the calls.</param>
    /// <returns>The attempt number, from 1.</returns>
    public async Task<int> AddAttemptAsync(string instanceId, int step, CancellationToken cancellation = default)
    {
        var prefix = RecordKey(instanceId, step) + "-";
        await Table.AddEntityAsync(Entity(AttemptPartition, prefix + Guid.NewGuid().ToString("N"), instanceId, step, 0), cancellation);
        var count = 0;
        var end = prefix[..^1] + ".";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AttemptPartition} and RowKey ge {prefix} and RowKey lt {end}");
        await foreach (var _ in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellation))
        {
            count++;
        }

        return count;
    }

    /// <summary>Writes the record of a step unless it is there already.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="step">The step number.</param>
    /// <param name="value">The step's output.</param>
    /// <param name="cancellation">Cancels the call.</param>
    /// <returns>True when this call wrote it; false when an earlier attempt had (409 Conflict).</returns>
    public async Task<bool> TryAddRecordAsync(string instanceId, int step, int value, CancellationToken cancellation = default)
    {
        try
        {
            await Table.AddEntityAsync(Entity(RecordPartition, RecordKey(instanceId, step), instanceId, step, value), cancellation);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == Conflict)
        {
            return false;
        }
    }

    /// <summary>Reads every record.</summary>
    /// <param name="cancellation">Cancels the read.</param>
    /// <returns>The records.</returns>
    public Task<IReadOnlyList<StepRecord>> ReadRecordsAsync(CancellationToken cancellation = default) =>
        ReadAsync(RecordPartition, cancellation);

    /// <summary>Reads every attempt.</summary>
    /// <param name="cancellation">Cancels the read.</param>
    /// <returns>The attempts.</returns>
    public Task<IReadOnlyList<StepRecord>> ReadAttemptsAsync(CancellationToken cancellation = default) =>
        ReadAsync(AttemptPartition, cancellation);

    private async Task<IReadOnlyList<StepRecord>> ReadAsync(string partition, CancellationToken cancellation)
    {
        var rows = new List<StepRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            rows.Add(new StepRecord(
                e.GetString("InstanceId"), e.GetInt32("Step") ?? 0, e.GetInt32("Value") ?? 0, e.GetInt32("ProcessId") ?? 0));
        }

        return rows;
    }

    private static TableEntity Entity(string partition, string rowKey, string instanceId, int step, int value) =>
        new(partition, rowKey)
        {
            ["InstanceId"] = instanceId,
            ["Step"] = step,
            ["Value"] = value,
            ["ProcessId"] = Environment.ProcessId,
        };
}
