using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace CxServerless.Functions.Retention;

/// <summary>
/// The RetentionRuns table: one row per run of <c>RetentionSweep</c> or <c>PurgeWorkflowHistory</c>, PartitionKey
/// <c>run</c>, RowKey inverted start ticks plus a random suffix so the newest run reads first.
/// </summary>
public sealed class RetentionRunStore(TableClient table)
{
    private const string Partition = "run";
    private volatile bool _created;

    /// <summary>Records a run.</summary>
    public async Task AddAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        var row = new TableEntity(
            Partition,
            string.Create(
                CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks:D19}-{Guid.NewGuid():N}"))
        {
            ["Job"] = run.Job,
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["Deleted"] = run.Deleted,
            ["Held"] = run.Held,
            ["Classes"] = JsonSerializer.Serialize(run.Classes, RetentionJsonContext.Default.IReadOnlyListRetentionClassCount),
        };
        await table.AddEntityAsync(row, cancellationToken);
    }

    /// <summary>The newest runs, newest first, at most <paramref name="top"/>.</summary>
    public async Task<IReadOnlyList<RetentionRun>> LatestAsync(int top, CancellationToken cancellationToken)
    {
        var runs = new List<RetentionRun>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: top, cancellationToken: cancellationToken))
            {
                var classes = JsonSerializer.Deserialize(
                    row.GetString("Classes") ?? "[]", RetentionJsonContext.Default.IReadOnlyListRetentionClassCount) ?? [];
                runs.Add(new RetentionRun(
                    row.GetString("Job") ?? string.Empty,
                    row.GetDateTimeOffset("StartedAt") ?? default,
                    row.GetDateTimeOffset("FinishedAt") ?? default,
                    classes));
                if (runs.Count >= top)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: no run has finished.
        }

        return runs;
    }
}
