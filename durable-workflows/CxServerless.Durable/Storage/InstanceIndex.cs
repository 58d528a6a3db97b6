using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Durable.Client;

namespace CxServerless.Durable.Storage;

/// <summary>
/// The instance index (<c>{TaskHub}Instances</c>): PartitionKey = creation day (<c>yyyyMMdd</c>, so time-range queries
/// touch few partitions), RowKey = instance id. It is updated after each commit that changes an instance's status, and
/// can be rebuilt from the history table's state rows.
/// </summary>
internal sealed class InstanceIndex(TableClient table)
{
    public TableClient Table { get; } = table;

    public static string DayOf(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task UpsertAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(DayOf(state.CreatedAt), state.InstanceId)
        {
            ["Name"] = state.Name,
            ["Status"] = state.Status.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["CompletedAt"] = state.CompletedAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(InstanceState state, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(DayOf(state.CreatedAt), state.InstanceId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    public async Task<IReadOnlyList<WorkflowSummary>> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey ge {DayOf(from)} and CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey le {DayOf(to)} and CreatedAt lt {to}"));
        }

        var filter = filters.Count == 0 ? null : string.Join(" and ", filters.Select(f => "(" + f + ")"));
        var results = new List<WorkflowSummary>();
        try
        {
            await CollectAsync(filter, query.Top, results, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The index table does not exist yet: no instance was ever started on this hub.
        }

        return results;
    }

    private async Task CollectAsync(string? filter, int top, List<WorkflowSummary> results, CancellationToken cancellationToken)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(top, 1, 1000), cancellationToken: cancellationToken))
        {
            results.Add(new WorkflowSummary(
                e.RowKey,
                e.GetString("Name") ?? string.Empty,
                Enum.Parse<WorkflowStatus>(e.GetString("Status") ?? nameof(WorkflowStatus.Pending)),
                e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset("CompletedAt")));
            if (results.Count >= top)
            {
                break;
            }
        }
    }
}
