using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Ingestion;

namespace CxServerless.Functions.Handover;

/// <summary>
/// The Handovers table: one row per team and shift boundary (PartitionKey the team, RowKey the boundary's ticks counted
/// down from the end of time, so a team's newest handover is its first row). A row is inserted only when absent, so two
/// instances, a retried tick or a restart never write a boundary twice; <c>Notified</c> turns true once the incoming
/// leads' notifications are stored.
/// </summary>
public sealed class HandoverStore(TableClient table)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "Handovers";

    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The row key of a boundary: newest first.</summary>
    /// <param name="at">The boundary.</param>
    /// <returns>The row key.</returns>
    public static string RowKeyOf(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Stores a handover unless its team and boundary have one.</summary>
    /// <param name="summary">The handover.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call stored it.</returns>
    public async Task<bool> AddIfAbsentAsync(HandoverSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(EventEntities.SafeKey(summary.Team), RowKeyOf(summary.At))
        {
            ["At"] = summary.At,
            ["Summary"] = JsonSerializer.Serialize(summary, HandoverJsonContext.Default.HandoverSummary),
            ["Notified"] = false,
        };
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

    /// <summary>Reads the handover of a team's boundary.</summary>
    /// <param name="team">The team.</param>
    /// <param name="at">The boundary.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handover and whether its notifications are stored, or null.</returns>
    public async Task<(HandoverSummary Summary, bool Notified)?> GetAsync(
        string team, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            EventEntities.SafeKey(team), RowKeyOf(at), cancellationToken: cancellationToken);
        return row.HasValue ? (Read(row.Value!), row.Value!.GetBoolean("Notified") ?? false) : null;
    }

    /// <summary>Records that the incoming leads' notifications are stored.</summary>
    /// <param name="team">The team.</param>
    /// <param name="at">The boundary.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task MarkNotifiedAsync(string team, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new TableEntity(EventEntities.SafeKey(team), RowKeyOf(at)) { ["Notified"] = true };
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Reads a team's newest handover.</summary>
    /// <param name="team">The team.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handover, or null when the team has none.</returns>
    public async Task<HandoverSummary?> LatestAsync(string team, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventEntities.SafeKey(team)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return Read(row);
        }

        return null;
    }

    /// <summary>Counts a team's handovers (for tests and operators).</summary>
    /// <param name="team">The team.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows the team has.</returns>
    public async Task<int> CountAsync(string team, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventEntities.SafeKey(team)}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private static HandoverSummary Read(TableEntity row) =>
        JsonSerializer.Deserialize(row.GetString("Summary") ?? "null", HandoverJsonContext.Default.HandoverSummary)
        ?? throw new InvalidOperationException($"Handover {row.PartitionKey}/{row.RowKey} has no summary.");
}
