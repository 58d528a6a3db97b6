using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Functions.Alerts;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The Alerts table and the alerts queue. One row per alert (PartitionKey <c>alert</c>, RowKey the deterministic
/// <see cref="AlertId"/>), updated in place while the alert is open. Opening, a change of severity and resolution are
/// announced on the alerts queue with the alert id, so the escalation workflow can start one orchestration per alert
/// (its instance id is the alert id, so a repeated message starts nothing new). The row is written first with a raised
/// <see cref="StoredAlert.Version"/>; the message follows and then <see cref="StoredAlert.NotifiedVersion"/> catches up,
/// so a crash in between is repaired by <see cref="NotifyPendingAsync"/> (at least once, never lost). The evaluator's
/// <see cref="MonitorStatus"/> (which monitors still learn) is one more row, read by the same query.
/// </summary>
public sealed class AlertStore(TableClient table, QueueClient queue, TimeProvider time)
{
    private volatile bool _created;
    private const int MaxResolveAttempts = 8;
    private (DateTimeOffset At, IReadOnlyList<StoredAlert> Alerts, MonitorStatus? Status, IReadOnlyList<ManualAlert> Manual)? _cache;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The queue.</summary>
    public QueueClient Queue => queue;

    /// <summary>Creates the table and queue when missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }

    /// <summary>Every stored alert, newest first; reads shared for a second so that dashboards do not multiply reads.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(CancellationToken cancellationToken, bool fresh = false) =>
        (await ReadAsync(fresh, cancellationToken)).Alerts;

    /// <summary>Every manual alert (<c>POST /api/alerts</c>), newest first, from the same shared read as <see cref="ListAsync"/>.</summary>
    public async Task<IReadOnlyList<ManualAlert>> ListManualAsync(CancellationToken cancellationToken, bool fresh = false) =>
        (await ReadAsync(fresh, cancellationToken)).Manual;

    /// <summary>
    /// Stores a manual alert and announces it on the alerts queue as <c>opened</c>, the message the evaluator writes for a
    /// detected alert, so <c>StartEscalation</c> escalates it the same way.
    /// </summary>
    public async Task AddManualAsync(ManualAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await EnsureCreatedAsync(cancellationToken);
        await table.AddEntityAsync(alert.ToEntity(), cancellationToken);
        _cache = null;
        var message = new AlertTransitionMessage(alert.Id, "opened", alert.Version, alert.ToView());
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(message, AlertJsonContext.Default.AlertTransitionMessage), cancellationToken);
    }

    /// <summary>
    /// Raises an operations alert that a timer declares (the sentiment drift check), through the manual alerts' path:
    /// the row under partition <c>manual</c> (listed, escalated and resolved like a declared alert) and the <c>opened</c>
    /// message. Idempotent on the alert's id: a row stored already is kept, and while it is open its message is sent again
    /// (a death between the row and the message loses nothing; the escalation workflow's instance id is the alert id, so
    /// a repeated message starts nothing new). A row already resolved is left alone.
    /// </summary>
    /// <returns>True when this call stored the row.</returns>
    public async Task<bool> RaiseOnceAsync(ManualAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await EnsureCreatedAsync(cancellationToken);
        var added = true;
        try
        {
            await table.AddEntityAsync(alert.ToEntity(), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            added = false;
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(
                ManualAlert.PartitionKey, alert.Id, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value!.GetString("Status") != nameof(AlertStatus.Open))
            {
                return false;
            }
        }

        _cache = null;
        var message = new AlertTransitionMessage(alert.Id, "opened", alert.Version, alert.ToView());
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(message, AlertJsonContext.Default.AlertTransitionMessage), cancellationToken);
        return added;
    }

    /// <summary>
    /// Resolves an open alert, detected or manual, because a person closed its task (a false alarm, or the resolution of a
    /// manual alert). The row shows the reason; nothing goes on the queue, since the task's workflow has already ended.
    /// ETag-guarded: a concurrent write by the evaluator is read again. A detected alert resolved here stays resolved:
    /// the evaluator never reopens or updates a resolved row, so the same ongoing condition raises nothing new until it
    /// has recovered and breached again (docs/escalation.md, "False alarms").
    /// </summary>
    /// <returns>True when this call resolved it; false when it is unknown or already resolved.</returns>
    public async Task<bool> ResolveAsync(string alertId, string resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertId);
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var manual = await table.GetEntityIfExistsAsync<TableEntity>(
                ManualAlert.PartitionKey, alertId, cancellationToken: cancellationToken);
            var detected = manual.HasValue
                ? null
                : await table.GetEntityIfExistsAsync<TableEntity>(StoredAlert.PartitionKey, alertId, cancellationToken: cancellationToken);
            var row = manual.HasValue ? manual.Value : detected is { HasValue: true } ? detected.Value : null;
            if (row is null || row.GetString("Status") != nameof(AlertStatus.Open))
            {
                return false;
            }

            var version = (row.GetInt32("Version") ?? 1) + 1;
            var patch = new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["Status"] = nameof(AlertStatus.Resolved),
                ["ResolvedAt"] = at,
                ["Resolution"] = resolution,
                ["Version"] = version,
                ["NotifiedVersion"] = version, // nothing to announce: the escalation closed itself
            };
            if (row.PartitionKey == StoredAlert.PartitionKey)
            {
                patch["UpdatedAt"] = at;
            }

            try
            {
                await table.UpdateEntityAsync(patch, row.ETag, TableUpdateMode.Merge, cancellationToken);
                _cache = null;
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxResolveAttempts)
            {
                // The evaluator changed the row between our read and write: read it again.
            }
        }
    }

    /// <summary>The evaluator's latest monitor status, from the same shared read as <see cref="ListAsync"/>;
    /// null before it wrote one.</summary>
    public async Task<MonitorStatus?> MonitorStatusAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(false, cancellationToken)).Status;

    /// <summary>Stores which KPIs and slices have monitors that judge (<see cref="MonitorStatus"/>).</summary>
    public async Task WriteMonitorStatusAsync(IEnumerable<string> ready, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(MonitorStatus.ToEntity(ready), TableUpdateMode.Replace, cancellationToken);
        _cache = null;
    }

    /// <summary>
    /// Stores one transition. An opening inserts the row (an existing row means a replay: nothing changes); an update or
    /// resolution replaces it only when it is newer than what is stored. Returns the stored alert, or null when the
    /// transition was already stored.
    /// </summary>
    public async Task<StoredAlert?> ApplyAsync(AlertTransition transition, string storedId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alert = transition.Alert ?? throw new ArgumentException("A transition without an alert.", nameof(transition));
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(
            StoredAlert.PartitionKey, storedId, cancellationToken: cancellationToken);
        var current = existing.HasValue ? StoredAlert.FromEntity(existing.Value!) : null;
        // A rolled-up child (ParentId) is stored and listed but never announced: its parent pages for it.
        var announce = alert.ParentId is null
            && (transition.Kind is AlertTransitionKind.Opened or AlertTransitionKind.Resolved || transition.SeverityChanged);
        if (current is null)
        {
            var stored = new StoredAlert(alert with { Id = storedId }, 1, 0, alert.WindowEnd);
            stored = stored with { NotifiedVersion = announce ? 0 : 1 };
            try
            {
                await table.AddEntityAsync(stored.ToEntity(), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                return null; // Written meanwhile by an earlier attempt.
            }

            _cache = null;
            return stored;
        }

        if (alert.WindowEnd <= current.UpdatedAt || current.Alert.Status == AlertStatus.Resolved)
        {
            return null; // A replay of what is stored, or a late word on a closed alert.
        }

        // An opening that continues a stored open alert (after a replay) is an update of it, not news, unless it promotes a
        // never-announced child that outlived its parent: then it pages now.
        announce = alert.ParentId is null
            && (transition.Kind == AlertTransitionKind.Resolved || transition.SeverityChanged || current.Alert.ParentId is not null);
        var merged = alert with
        {
            Id = storedId,
            OpenedAt = current.Alert.OpenedAt,
            OpeningValue = current.Alert.OpeningValue, // the stored alert opened first; unknown on rows from before it was kept
            PeakValue = alert.Direction == Domain.Analytics.Detection.BreachDirection.Below
                ? Math.Min(alert.PeakValue, current.Alert.PeakValue)
                : Math.Max(alert.PeakValue, current.Alert.PeakValue),
        };
        var next = new StoredAlert(merged, current.Version + 1, announce ? current.NotifiedVersion : current.Version + 1, alert.WindowEnd);
        await table.UpdateEntityAsync(next.ToEntity(), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
        _cache = null;
        return next;
    }

    /// <summary>Announces a stored alert whose version is ahead of its notification, then marks it announced.</summary>
    public async Task NotifyAsync(StoredAlert alert, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.NotifiedVersion >= alert.Version)
        {
            return;
        }

        var message = new AlertTransitionMessage(alert.Alert.Id, kind, alert.Version, alert.ToView());
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(message, AlertJsonContext.Default.AlertTransitionMessage), cancellationToken);
        var mark = new TableEntity(StoredAlert.PartitionKey, alert.Alert.Id) { ["NotifiedVersion"] = alert.Version };
        try
        {
            await table.UpdateEntityAsync(mark, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted by retention meanwhile: nothing left to mark.
        }
    }

    /// <summary>Announces every alert whose last change was not announced (after a crash between the row and the message).</summary>
    public async Task<int> NotifyPendingAsync(CancellationToken cancellationToken)
    {
        var pending = (await ListAsync(cancellationToken, fresh: true)).Where(a => a.NotifiedVersion < a.Version).ToList();
        foreach (var alert in pending)
        {
            await NotifyAsync(alert, KindOf(alert), cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>The queue event name of an alert's latest change.</summary>
    public static string KindOf(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Alert.Status == AlertStatus.Resolved ? "resolved" : alert.Version == 1 ? "opened" : "escalated";
    }

    private async Task<(DateTimeOffset At, IReadOnlyList<StoredAlert> Alerts, MonitorStatus? Status, IReadOnlyList<ManualAlert> Manual)>
        ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh && _cache is { } cache && time.GetUtcNow() - cache.At < TimeSpan.FromSeconds(1))
        {
            return cache;
        }

        var alerts = new List<StoredAlert>();
        var manual = new List<ManualAlert>();
        MonitorStatus? status = null;
        try
        {
            StorageReads.Add();
            await foreach (var row in table.QueryAsync<TableEntity>(
                e => e.PartitionKey == StoredAlert.PartitionKey
                    || e.PartitionKey == MonitorStatus.PartitionKey
                    || e.PartitionKey == ManualAlert.PartitionKey,
                cancellationToken: cancellationToken))
            {
                if (row.PartitionKey == ManualAlert.PartitionKey)
                {
                    if (ManualAlert.FromEntity(row) is { } declared)
                    {
                        manual.Add(declared);
                    }
                }
                else if (row.PartitionKey == MonitorStatus.PartitionKey)
                {
                    status = row.RowKey == MonitorStatus.RowKey ? MonitorStatus.FromEntity(row) : status;
                }
                else if (StoredAlert.FromEntity(row) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No alert was ever stored.
        }

        IReadOnlyList<StoredAlert> sorted =
            [.. alerts.OrderByDescending(a => a.Alert.OpenedAt).ThenBy(a => a.Alert.Id, StringComparer.Ordinal)];
        IReadOnlyList<ManualAlert> declaredSorted =
            [.. manual.OrderByDescending(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
        var read = (time.GetUtcNow(), sorted, status, declaredSorted);
        _cache = read;
        return read;
    }
}
