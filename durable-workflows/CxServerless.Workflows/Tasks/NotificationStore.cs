using Azure;
using Azure.Data.Tables;

namespace CxServerless.Workflows.Tasks;

/// <summary>The Notifications table: one row per notification, partitioned by recipient, inserted only once per key.</summary>
public sealed class NotificationStore(TableClient table)
{
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

    /// <summary>Stores a notification unless one with its recipient and key exists.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call stored it.</returns>
    public async Task<bool> AddIfAbsentAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(notification.Recipient, notification.Key)
        {
            ["TaskId"] = notification.TaskId,
            ["Kind"] = notification.Kind,
            ["Text"] = notification.Text,
            ["Channels"] = string.Join(',', notification.Channels),
            ["Delivery"] = notification.Delivery,
            ["At"] = notification.At,
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

    /// <summary>Reads one notification.</summary>
    /// <param name="recipient">The person's id.</param>
    /// <param name="key">The notification's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notification, or null.</returns>
    public async Task<NotificationRecord?> GetAsync(string recipient, string key, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(recipient, key, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Records what happened to a notification beyond the inbox (the <c>Delivery</c> field).</summary>
    /// <param name="recipient">The person's id.</param>
    /// <param name="key">The notification's key.</param>
    /// <param name="delivery">The delivery text (<c>teams: delivered; email: failed: HTTP 503</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task SetDeliveryAsync(string recipient, string key, string delivery, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var patch = new TableEntity(recipient, key) { ["Delivery"] = delivery };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Reads every notification made at or after <paramref name="since"/>, for delivery counts.</summary>
    /// <param name="since">The earliest time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notifications, in no particular order.</returns>
    public async Task<IReadOnlyList<NotificationRecord>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var list = new List<NotificationRecord>();
        var filter = TableClient.CreateQueryFilter($"At ge {since}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    /// <summary>Reads a person's notifications, newest first.</summary>
    /// <param name="recipient">The person's id.</param>
    /// <param name="top">The most to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notifications.</returns>
    public async Task<IReadOnlyList<NotificationRecord>> ListForAsync(string recipient, int top, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var list = new List<NotificationRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {recipient}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return [.. list.OrderByDescending(n => n.At).Take(top)];
    }

    private static NotificationRecord FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("TaskId") ?? string.Empty, e.GetString("Kind") ?? string.Empty,
        e.GetString("Text") ?? string.Empty, (e.GetString("Channels") ?? "inbox").Split(','), e.GetString("Delivery") ?? string.Empty,
        e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);
}
