using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Analytics;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// The <c>FalseAlarms</c> table: one row per alert closed as a false alarm (partition <c>falseAlarm</c>, row key the
/// alert id), inserted once. The rules version and rule come from the alert's row in the Alerts table (one point read);
/// an alert no longer stored leaves them empty, and the KPI and slice come from the task.
/// </summary>
public sealed class FalseAlarmStore(TableClient table, AlertStore alerts)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "FalseAlarms";

    /// <summary>The partition every row lives in.</summary>
    public const string PartitionKey = "falseAlarm";

    private volatile bool _created;

    /// <summary>Gets the table.</summary>
    public TableClient Table => table;

    /// <summary>Records a false alarm unless the alert has one.</summary>
    /// <param name="task">The task closed as a false alarm.</param>
    /// <param name="reason">The masked reason.</param>
    /// <param name="by">Who closed it.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task RecordAsync(TaskRecord task, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        if (await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, task.AlertId, select: ["AlertId"], cancellationToken) is
            { HasValue: true })
        {
            return;
        }

        var (rulesVersion, ruleId) = await AlertRuleAsync(task.AlertId, cancellationToken);
        var row = new FalseAlarmRecord(
            task.AlertId, task.TaskId, rulesVersion, ruleId, task.Kpi, task.Slice, task.Severity, reason, by, at);
        try
        {
            await table.AddEntityAsync(ToEntity(row), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by a concurrent call.
        }
    }

    /// <summary>Reads every recorded false alarm.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows, oldest first.</returns>
    public async Task<IReadOnlyList<FalseAlarmRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = new List<FalseAlarmRecord>();
        try
        {
            var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == PartitionKey, cancellationToken: cancellationToken);
            await foreach (var e in query)
            {
                rows.Add(new FalseAlarmRecord(
                    e.RowKey, e.GetString("TaskId") ?? string.Empty, e.GetString("RulesVersion"), e.GetString("RuleId"), e.GetString("Kpi"),
                    e.GetString("Slice") ?? "all", e.GetString("Severity") ?? string.Empty, e.GetString("Reason") ?? string.Empty,
                    e.GetString("By") ?? string.Empty, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No false alarm was ever recorded.
        }

        return [.. rows.OrderBy(r => r.At)];
    }

    private static TableEntity ToEntity(FalseAlarmRecord r) => new(PartitionKey, r.AlertId)
    {
        ["AlertId"] = r.AlertId,
        ["TaskId"] = r.TaskId,
        ["RulesVersion"] = r.RulesVersion,
        ["RuleId"] = r.RuleId,
        ["Kpi"] = r.Kpi,
        ["Slice"] = r.Slice,
        ["Severity"] = r.Severity,
        ["Reason"] = r.Reason,
        ["By"] = r.By,
        ["At"] = r.At,
    };

    private async Task<(string? RulesVersion, string? RuleId)> AlertRuleAsync(string alertId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await alerts.Table.GetEntityIfExistsAsync<TableEntity>(
                StoredAlert.PartitionKey, alertId, select: ["RulesVersion", "RuleId"], cancellationToken);
            return row.HasValue ? (row.Value!.GetString("RulesVersion"), row.Value.GetString("RuleId")) : (null, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null); // no Alerts table yet
        }
    }
}
