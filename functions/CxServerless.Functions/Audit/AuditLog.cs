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
    public Task WriteAsync(CallerPrincipal caller, string action, string target, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return AppendAsync(
            caller.Name, caller.UserId, string.Join(',', caller.Roles.Order(StringComparer.Ordinal)), caller.IsDevelopment,
            action, target, outcome, cancellationToken);
    }

    /// <summary>
    /// Appends one entry for work the app did by itself (a timer): the actor is <c>system:{function}</c>, with no roles.
    /// </summary>
    public Task WriteSystemAsync(string function, string action, string target, string outcome, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(function);
        return AppendAsync(SystemActorPrefix + function, function, string.Empty, false, action, target, outcome, cancellationToken);
    }

    /// <summary>The actor prefix of entries written by the app itself.</summary>
    public const string SystemActorPrefix = "system:";

    /// <summary>The table.</summary>
    public TableClient Table => table;

    private async Task AppendAsync(
        string actor, string? actorId, string roles, bool development, string action, string target, string outcome,
        CancellationToken cancellationToken)
    {
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
            ["Actor"] = actor,
            ["ActorId"] = actorId,
            ["Roles"] = roles,
            ["Development"] = development,
            ["Action"] = action,
            ["Target"] = target,
            ["Outcome"] = outcome,
        };
        await table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>
    /// Reads one page of the trail, newest first: day partitions from <see cref="AuditQuery.To"/> back to
    /// <see cref="AuditQuery.From"/>, each read in RowKey order (newest first), resuming where the token says.
    /// </summary>
    public async Task<AuditListResponse> ReadPageAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fromDay = DateOnly.FromDateTime(query.From.UtcDateTime);
        var day = query.Position?.Day ?? DateOnly.FromDateTime(query.To.UtcDateTime);
        var after = query.Position?.AfterRowKey ?? string.Empty;
        var entries = new List<AuditEntryView>();
        try
        {
            while (day >= fromDay)
            {
                var last = after;
                var rows = table.QueryAsync<TableEntity>(
                    DayFilter(query, day, after), maxPerPage: Math.Min(query.Top - entries.Count + 1, 1000),
                    cancellationToken: cancellationToken);
                await foreach (var row in rows)
                {
                    if (entries.Count == query.Top)
                    {
                        // One more row in this day: the next page resumes after the last one returned.
                        return new AuditListResponse(entries, new AuditPosition(day, last).Encode());
                    }

                    entries.Add(View(row));
                    last = row.RowKey;
                }

                day = day.AddDays(-1);
                after = string.Empty;
                if (entries.Count == query.Top)
                {
                    return new AuditListResponse(entries, day >= fromDay ? new AuditPosition(day, string.Empty).Encode() : null);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No audit table yet: nothing has been audited.
        }

        return new AuditListResponse(entries, null);
    }

    private static string DayFilter(AuditQuery query, DateOnly day, string after)
    {
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {after} and Time ge {query.From} and Time le {query.To}");
        if (query.Actor is { } actor)
        {
            filter += " and " + TableClient.CreateQueryFilter($"(Actor eq {actor} or ActorId eq {actor})");
        }

        if (query.Action is { } action)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Action eq {action}");
        }

        return filter;
    }

    private static AuditEntryView View(TableEntity row) => new(
        row.GetDateTimeOffset("Time") ?? default,
        row.GetString("Actor") ?? string.Empty,
        row.GetString("ActorId"),
        (row.GetString("Roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetBoolean("Development") ?? false,
        row.GetString("Action") ?? string.Empty,
        row.GetString("Target") ?? string.Empty,
        row.GetString("Outcome") ?? string.Empty);

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
