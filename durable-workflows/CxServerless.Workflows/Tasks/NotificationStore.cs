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
            list.Add(new NotificationRecord(
                e.PartitionKey, e.RowKey, e.GetString("TaskId") ?? string.Empty, e.GetString("Kind") ?? string.Empty,
                e.GetString("Text") ?? string.Empty, (e.GetString("Channels") ?? "inbox").Split(','), e.GetString("Delivery") ?? string.Empty,
                e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }

        return [.. list.OrderByDescending(n => n.At).Take(top)];
    }
}
