using System.Text.Json;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Tasks;
using CxServerless.Workflows.Approval;
using CxServerless.Workflows.Tasks;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Rules;

/// <summary>
/// One recalibration: reads the history (final minute buckets of the policy's history, up to the start of today UTC),
/// the alerts that fired and what people said about them (false alarms from the FalseAlarms table, confirmed alerts
/// from tasks resolved by a person), runs <see cref="Recalibrator"/>, and stores the draft with its report. A draft
/// inside the guard rails is activated at once; any other starts <see cref="RulesApprovalOrchestrator"/>.
/// </summary>
/// <remarks>
/// Idempotent: the draft's version is derived from the active version and the day (<c>1.2.0-r20261207</c>), so a
/// second run on the same day finds the draft stored and writes nothing (it only starts a missing approval again).
/// </remarks>
public sealed partial class RecalibrationRunner(
    ActiveRules active,
    RulesVersionStore versions,
    DeployedRules deployed,
    MetricBucketStore buckets,
    AlertStore alerts,
    FalseAlarmStore falseAlarms,
    TaskStore tasks,
    DurableTaskClient client,
    AuditLog audit,
    TimeProvider time,
    ILogger<RecalibrationRunner> logger)
{
    /// <summary>The function that runs it, as the audit trail names it.</summary>
    public const string AuditFunction = "Recalibrate";

    /// <summary>Recalibrates once.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did, as a sentence for the log and the audit trail.</returns>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var rules = await active.GetAsync(cancellationToken);
        var activeRecord = await versions.GetAsync(rules.Version, cancellationToken)
            ?? throw new InvalidOperationException($"The active rules version {rules.Version} is not stored.");
        var day = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var draftVersion = Recalibrator.DraftVersionFor(rules.Version, day);
        if (await versions.GetAsync(draftVersion, cancellationToken) is { } existing)
        {
            if (existing.Status == RulesVersionStatus.Draft && existing.ApprovalInstanceId is null)
            {
                await StartApprovalAsync(existing, rules.Recalibration, cancellationToken);
            }

            var already = $"already recalibrated today: draft {draftVersion} is {existing.Status}";
            return await DoneAsync(draftVersion, already, cancellationToken);
        }

        var data = await ReadHistoryAsync(rules.Recalibration, day, cancellationToken);
        if (data is null)
        {
            return await DoneAsync(draftVersion, "no final KPI data yet; nothing to recalibrate", cancellationToken);
        }

        var fired = await LabelledAlertsAsync(data, cancellationToken);
        var proposal = Recalibrator.Propose(new RecalibrationInput(activeRecord.Json, rules, data, fired, draftVersion));
        LogProposal(logger, rules.Version, fired.Count, proposal.HasDraft, proposal.WithinGuardRails);
        if (!proposal.HasDraft)
        {
            var above = proposal.Rules.Count(r => r.Changes.Count == 0 && r.FalseAlarmRate > rules.Recalibration.FalseAlarmRateTarget);
            var unchanged = $"no change: {fired.Count} alerts over the history, {above} rule(s) above target left unchanged";
            return await DoneAsync(draftVersion, unchanged, cancellationToken);
        }

        var report = new RecalibrationReport(
            rules.Version, draftVersion, data.HistoryFrom, data.BacktestFrom, data.To, fired.Count,
            fired.Count(a => a.Label == AlertLabel.FalseAlarm), fired.Count(a => a.Label == AlertLabel.Confirmed),
            proposal.WithinGuardRails, proposal.GuardRailViolations, proposal.Rules, proposal.Baselines);
        var draft = new RulesVersionRecord(
            draftVersion, RulesVersionStatus.Draft, "recalibration", rules.Version, proposal.DraftJson!,
            JsonSerializer.Serialize(report, RulesJsonContext.Default.RecalibrationReport), time.GetUtcNow());
        if (!await versions.AddAsync(draft, cancellationToken))
        {
            return await DoneAsync(draftVersion, $"draft {draftVersion} was stored by a concurrent run", cancellationToken);
        }

        var tuned = string.Join(", ", proposal.Rules.Where(r => r.Changes.Count > 0).Select(r => $"{r.RuleId} +{r.MovePercent} %"));
        if (proposal.WithinGuardRails)
        {
            var activation = await versions.ActivateAsync(draftVersion, AuditLog.SystemActorPrefix + AuditFunction, cancellationToken);
            return await DoneAsync(
                draftVersion, $"draft {draftVersion} ({tuned}) within the guard rails: {activation.Outcome}", cancellationToken);
        }

        await StartApprovalAsync(draft, rules.Recalibration, cancellationToken);
        return await DoneAsync(
            draftVersion,
            $"draft {draftVersion} ({tuned}) waits for approval: {string.Join("; ", proposal.GuardRailViolations)}",
            cancellationToken);
    }

    private async Task<BacktestData?> ReadHistoryAsync(RecalibrationPolicy policy, DateTimeOffset day, CancellationToken cancellationToken)
    {
        await buckets.EnsureCreatedAsync(cancellationToken);
        await alerts.EnsureCreatedAsync(cancellationToken);
        var clocks = await buckets.ReadClocksAsync(cancellationToken);
        var longest = deployed.Rules.Rules.Max(r => r.Window.Size);
        var firstMinute = EventMinutes.MinuteOf(day - policy.History - longest);
        var rows = new List<MinuteRow>();
        await foreach (var row in buckets.QueryAsync(firstMinute, EventMinutes.MinuteOf(day), null, cancellationToken))
        {
            rows.Add(row);
        }

        var snapshot = new KpiSnapshot(0, time.GetUtcNow(), firstMinute, clocks, rows, deployed.Rules);
        if (snapshot.Watermark is not { } watermark || rows.Count == 0)
        {
            return null;
        }

        var end = watermark < day ? watermark : day;
        var to = new DateTimeOffset(end.UtcTicks - (end.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var series = snapshot.WatchedSeries();
        var openings = series.Keys.Where(k => k.Kpi == KpiId.Backlog).ToDictionary(k => k, k => snapshot.OpeningLevel(k.Slice));
        return new BacktestData(series, snapshot.Activity(), openings, to - policy.History, to - policy.Backtest, to);
    }

    private async Task<List<LabelledAlert>> LabelledAlertsAsync(BacktestData data, CancellationToken cancellationToken)
    {
        var flagged = (await falseAlarms.ListAsync(cancellationToken)).Select(f => f.AlertId).ToHashSet(StringComparer.Ordinal);
        var confirmed = (await tasks.ListAsync(cancellationToken))
            .Where(t => t.Closure == "resolved" && t.Source == "detected")
            .Select(t => t.AlertId)
            .ToHashSet(StringComparer.Ordinal);
        return [.. (await alerts.ListAsync(cancellationToken, fresh: true))
            .Select(s => s.Alert)
            .Where(a => a.OpenedAt >= data.HistoryFrom && a.OpenedAt <= data.To)
            .OrderBy(a => a.OpenedAt)
            .Select(a => new LabelledAlert(
                a.Id, a.RuleId, a.Kpi.ToString(), a.Slice.ToString(), a.OpenedAt, a.Status == AlertStatus.Open ? data.To : a.WindowEnd,
                flagged.Contains(a.Id) ? AlertLabel.FalseAlarm : confirmed.Contains(a.Id) ? AlertLabel.Confirmed : AlertLabel.Unlabelled))];
    }

    private async Task StartApprovalAsync(RulesVersionRecord draft, RecalibrationPolicy policy, CancellationToken cancellationToken)
    {
        var instanceId = RulesApprovalRequest.InstanceIdFor(draft.Version);
        var summary = $"Approve rules draft {draft.Version} (from {draft.BaseVersion}): outside the recalibration guard rails";
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(RulesApprovalOrchestrator),
                new RulesApprovalRequest(draft.Version, draft.BaseVersion ?? string.Empty, summary, policy.ApprovalTimeout),
                new StartOrchestrationOptions(instanceId),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by an earlier run that stopped before recording it.
        }

        await versions.SetApprovalAsync(draft.Version, instanceId, cancellationToken);
    }

    private async Task<string> DoneAsync(string draftVersion, string outcome, CancellationToken cancellationToken)
    {
        await audit.WriteSystemAsync(AuditFunction, "recalibrate", draftVersion, outcome, cancellationToken);
        return outcome;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "Recalibration of {Version}: {Alerts} alerts over the history, draft {HasDraft}, within guard rails {Within}")]
    private static partial void LogProposal(ILogger logger, string version, int alerts, bool hasDraft, bool within);
}
