using Azure;
using Azure.Data.Tables;

namespace CxServerless.Functions.Operations;

/// <summary>The last heartbeat of the trigger pipeline (table <c>Heartbeat</c>, one row), read by the health endpoint.</summary>
public sealed class HeartbeatStore(TableClient table)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "Heartbeat";

    private const string Partition = "heartbeat";
    private const string Row = "timer";
    private int _created;

    /// <summary>Records a tick of the heartbeat timer.</summary>
    public async Task RecordAsync(DateTimeOffset at, bool isPastDue, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        var entity = new TableEntity(Partition, Row)
        {
            ["LastBeat"] = at,
            ["IsPastDue"] = isPastDue,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Reads the last heartbeat, or null when none was recorded yet.</summary>
    public async Task<Heartbeat?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
            return row.HasValue && row.Value!.GetDateTimeOffset("LastBeat") is { } last
                ? new Heartbeat(last, row.Value.GetBoolean("IsPastDue") ?? false)
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // The table does not exist until the first beat.
        }
    }
}

/// <summary>One heartbeat: when the timer last ran and whether that run was late.</summary>
public sealed record Heartbeat(DateTimeOffset LastBeat, bool IsPastDue);
