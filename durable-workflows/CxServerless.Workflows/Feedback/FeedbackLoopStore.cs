using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// The <c>FeedbackLoops</c> table. One partition per customer pseudonym holds a <c>head</c> row (the customer's latest
/// loop: its id, number, opening event, stage and time), a row per loop (<see cref="FeedbackLoopRecord"/>) and a row per
/// feedback item attached to a loop (<c>att-…</c>). The head is claimed under its ETag, so two instances handling two
/// triggers of one customer at once cannot open two loops. Every write is idempotent.
/// </summary>
public sealed class FeedbackLoopStore(TableClient table)
{
    /// <summary>The row key of a customer's head row.</summary>
    public const string HeadRow = "head";

    private const int MaxAttempts = 8;

    // The creation in flight or done, shared by concurrent callers; forgotten when it failed, so the next call tries again.
    private Task? _created;

    /// <summary>Gets the table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing (once per process while it succeeds).</summary>
    /// <param name="cancellationToken">Cancels the wait (not the creation, which other callers may share).</param>
    /// <returns>A task.</returns>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var created = _created ??= table.CreateIfNotExistsAsync(CancellationToken.None);
        try
        {
            await created.WaitAsync(cancellationToken);
        }
        catch (RequestFailedException)
        {
            _ = Interlocked.CompareExchange(ref _created, null, created);
            throw;
        }
    }

    /// <summary>Reads a customer's latest loop, or null when they never had one.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The head, or null.</returns>
    public async Task<FeedbackLoopHead?> GetHeadAsync(string customerKey, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customerKey, HeadRow, cancellationToken: cancellationToken);
        return row.HasValue ? FeedbackLoopHead.FromEntity(row.Value!) : null;
    }

    /// <summary>
    /// Decides what a triggering feedback item of a customer does: open their next loop, or join the one in force
    /// (open, or opened less than <paramref name="cap"/> ago). The item that opened the head is recognised on redelivery.
    /// </summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="eventId">The item's event id.</param>
    /// <param name="now">The time of the decision.</param>
    /// <param name="cap">The frequency cap: at most one loop per customer within it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The head after the decision and whether this item opened it.</returns>
    public async Task<(FeedbackLoopHead Head, bool Opens)> ClaimAsync(
        string customerKey, string eventId, DateTimeOffset now, TimeSpan cap, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(customerKey, HeadRow, cancellationToken: cancellationToken);
            var head = row.HasValue ? FeedbackLoopHead.FromEntity(row.Value!) : null;
            if (head is not null && (head.EventId == eventId || head.Status != FeedbackLoopStages.Closed || head.OpenedAt + cap > now))
            {
                return (head, head.EventId == eventId);
            }

            var sequence = (head?.Sequence ?? 0) + 1;
            var next = new FeedbackLoopHead(
                customerKey, FeedbackLoopRequest.NewLoopId(), sequence, eventId, FeedbackLoopStages.Open, now);
            try
            {
                if (head is null)
                {
                    await table.AddEntityAsync(next.ToEntity(), cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(next.ToEntity(), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return (next, true);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance claimed the head between our read and write: decide again on what it wrote.
            }
        }
    }

    /// <summary>Records a feedback item attached to a loop, once per event.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="loopId">The loop.</param>
    /// <param name="eventId">The item's event id.</param>
    /// <param name="reasons">Why it triggered.</param>
    /// <param name="topic">Its topic.</param>
    /// <param name="at">When it was attached.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call recorded it.</returns>
    public async Task<bool> AttachAsync(
        string customerKey, string loopId, string eventId, IReadOnlyList<string> reasons, string topic, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(customerKey, AttachmentRow(eventId))
        {
            ["LoopId"] = loopId,
            ["EventId"] = eventId,
            ["Reasons"] = string.Join(',', reasons),
            ["Topic"] = topic,
            ["At"] = at,
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

    /// <summary>Counts the items attached to a loop.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="loopId">The loop.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    public async Task<int> AttachedAsync(string customerKey, string loopId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {customerKey} and RowKey ge {"att-"} and RowKey lt {"att."} and LoopId eq {loopId}");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Reads a loop.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="loopId">The loop.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The loop, or null.</returns>
    public async Task<FeedbackLoopRecord?> GetAsync(string customerKey, string loopId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(customerKey, loopId, cancellationToken: cancellationToken);
        return row.HasValue ? FeedbackLoopRecord.FromEntity(row.Value!) : null;
    }

    /// <summary>Writes a loop's row and, when the loop is the customer's head, the head's stage.</summary>
    /// <param name="loop">The loop as it is now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(FeedbackLoopRecord loop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loop);
        await EnsureAsync(cancellationToken);
        await table.UpsertEntityAsync(loop.ToEntity(), TableUpdateMode.Replace, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(loop.CustomerKey, HeadRow, cancellationToken: cancellationToken);
            if (!row.HasValue || FeedbackLoopHead.FromEntity(row.Value!) is not { } head || head.LoopId != loop.LoopId
                || head.Status == loop.Status)
            {
                return;
            }

            try
            {
                await table.UpdateEntityAsync(
                    (head with { Status = loop.Status }).ToEntity(), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another writer changed the head meanwhile: read it again.
            }
        }
    }

    /// <summary>Every row of a customer's partition (head, loops, attachments), for erasure.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows' keys and, for loop rows, the loop ids.</returns>
    public async Task<IReadOnlyList<(string RowKey, bool IsLoop)>> RowsAsync(string customerKey, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var rows = new List<(string, bool)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {customerKey}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((e.RowKey, e.RowKey.StartsWith("feedback-", StringComparison.Ordinal)));
        }

        return rows;
    }

    private static string AttachmentRow(string eventId) =>
        "att-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];
}

/// <summary>A customer's latest loop: the row the frequency cap is decided on.</summary>
/// <param name="CustomerKey">The customer's pseudonym.</param>
/// <param name="LoopId">The loop.</param>
/// <param name="Sequence">The customer's loop number, from 1.</param>
/// <param name="EventId">The event that opened it.</param>
/// <param name="Status">The loop's stage.</param>
/// <param name="OpenedAt">When it opened.</param>
public sealed record FeedbackLoopHead(
    string CustomerKey, string LoopId, int Sequence, string EventId, string Status, DateTimeOffset OpenedAt)
{
    /// <summary>Builds the table row.</summary>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity() => new(CustomerKey, FeedbackLoopStore.HeadRow)
    {
        [nameof(LoopId)] = LoopId,
        [nameof(Sequence)] = Sequence,
        [nameof(EventId)] = EventId,
        [nameof(Status)] = Status,
        [nameof(OpenedAt)] = OpenedAt,
    };

    /// <summary>Reads a table row.</summary>
    /// <param name="e">The entity.</param>
    /// <returns>The head.</returns>
    public static FeedbackLoopHead FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.PartitionKey, e.GetString(nameof(LoopId)) ?? string.Empty, e.GetInt32(nameof(Sequence)) ?? 0,
            e.GetString(nameof(EventId)) ?? string.Empty, e.GetString(nameof(Status)) ?? string.Empty,
            e.GetDateTimeOffset(nameof(OpenedAt)) ?? DateTimeOffset.MinValue);
    }
}
