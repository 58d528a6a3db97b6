using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Audit;

/// <summary>
/// The append-only audit trail (table <c>Audit</c>): every view of a sensitive resource, every change, suppression and
/// task action. Rows are only ever added: PartitionKey is the UTC day, RowKey orders newest first within it.
/// </summary>
public sealed class AuditLog(TableClient table, TimeProvider time)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "Audit";

    private int _created;

    /// <summary>
    /// Appends one entry. Fails (throws) when storage is unreachable: an action that must be audited must not succeed unaudited.
    /// </summary>
    public async Task WriteAsync(CallerPrincipal caller, string action, string target, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var entity = new TableEntity(
            now.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["Time"] = now,
            ["Actor"] = caller.Name,
            ["ActorId"] = caller.UserId,
            ["Roles"] = string.Join(',', caller.Roles.Order(StringComparer.Ordinal)),
            ["Development"] = caller.IsDevelopment,
            ["Action"] = action,
            ["Target"] = target,
            ["Outcome"] = outcome,
        };
        await table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Reads the newest entries of one UTC day, newest first.</summary>
    public async Task<IReadOnlyList<TableEntity>> ReadDayAsync(DateOnly day, int max, CancellationToken cancellationToken)
    {
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(
                e => e.PartitionKey == partition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
            {
                rows.Add(row);
                if (rows.Count >= max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No audit table yet: nothing has been audited.
        }

        return rows;
    }
}
