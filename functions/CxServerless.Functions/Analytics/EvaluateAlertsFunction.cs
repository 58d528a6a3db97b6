using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Rules;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The alert evaluator: a timer (every two seconds by default, <c>%CxAlertSchedule%</c>; timer functions run on one
/// instance at a time) that composes the final windows of every watched KPI and slice since its last pass and runs
/// them through the rules' detectors and alert state machines. Transitions are stored in the Alerts table and announced
/// on the alerts queue; each evaluated window's baseline goes to the Baselines table for the charts.
/// <para>
/// Detector history lives in memory. After a cold start the evaluator replays <see cref="AnalyticsOptions.AlertWarmUp"/>
/// of stored buckets first. Replayed transitions that are already stored change nothing (alert ids are deterministic and
/// updates apply only when newer). If the replay opens an alert for a KPI and slice that already has an open alert
/// under another id, the stored one is kept and continued; if the replay ends with no open alert where one is stored,
/// the stored one is resolved.
/// </para>
/// <para>
/// The rules are the active stored version (<see cref="ActiveRules"/>, one point read per pass). When another version
/// is activated, the evaluator starts again under it: the warm-up replay relearns the baselines, stored open alerts are
/// continued or resolved as after a cold start, and alerts the new version would have raised before the switch are
/// not announced. Every alert records the version that raised it.
/// </para>
/// <para>
/// After each pass it publishes which KPIs and slices have monitors that judge (<see cref="MonitorStatus"/>), when that
/// changes, so the dashboard can say which baselines are still learning.
/// </para>
/// </summary>
public sealed partial class EvaluateAlertsFunction(
    KpiReadModel readModel,
    AlertStore alerts,
    BaselineStore baselines,
    ActiveRules activeRules,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<EvaluateAlertsFunction> logger) : IFunctionHandler, IDisposable
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "EvaluateAlerts";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string RuleId, Slice Slice), DateTimeOffset> _recorded = [];
    private readonly Dictionary<(KpiId Kpi, Slice Slice), string> _storedIds = [];
    private readonly HashSet<(KpiId Kpi, Slice Slice)> _unannounced = [];
    private AlertEvaluator? _evaluator;
    private DateTimeOffset? _evaluatedThrough;
    private DateTimeOffset? _replayCut;
    private HashSet<string>? _publishedReady;

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            return InvocationResult.Ok().Log($"{FunctionName}: the previous pass is still running.");
        }

        try
        {
            var count = await EvaluateAsync(cancellationToken);
            return count > 0 ? InvocationResult.Ok().Log($"{FunctionName}: {count} alert transitions stored.") : InvocationResult.Ok();
        }
        catch
        {
            // Rebuild from storage on the next pass rather than continue from a half-applied state.
            _evaluator = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One evaluation pass; returns how many transitions were stored.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        await alerts.EnsureCreatedAsync(cancellationToken);
        var rules = await activeRules.GetAsync(cancellationToken);
        if (_evaluator is not null && _evaluator.Rules.Version != rules.Version)
        {
            // Another version was activated (here or on another instance): replay the warm-up under it. Open alerts of
            // the previous version are continued when the new one holds them open too, and resolved when it does not.
            LogRulesChanged(logger, _evaluator.Rules.Version, rules.Version);
            _evaluator = null;
            _replayCut = _evaluatedThrough;
        }

        var snapshot = await readModel.GetAsync(cancellationToken);
        if (snapshot.Watermark is not { } watermark)
        {
            return 0;
        }

        var warmingUp = _evaluator is null;
        if (_evaluator is null)
        {
            _evaluator = new AlertEvaluator(rules);
            _publishedReady = null;
            _recorded.Clear();
            _storedIds.Clear();
            _unannounced.Clear();
            foreach (var open in (await alerts.ListAsync(cancellationToken, fresh: true)).Where(a => a.Alert.Status == AlertStatus.Open))
            {
                _storedIds[(open.Alert.Kpi, open.Alert.Slice)] = open.Alert.Id;
            }

            await alerts.NotifyPendingAsync(cancellationToken);
        }

        if (_evaluatedThrough is { } through && watermark <= through && !warmingUp)
        {
            return 0;
        }

        var firstEnd = EventMinutes.EndOf(snapshot.FirstMinute);
        var from = warmingUp || _evaluatedThrough is null
            ? Max(firstEnd, watermark - options.Value.AlertWarmUp)
            : Max(firstEnd, _evaluatedThrough.Value - MaxHop(rules));
        var series = snapshot.WatchedSeries();
        var openings = series.Keys.Where(k => k.Kpi == KpiId.Backlog).ToDictionary(k => k, k => snapshot.OpeningLevel(k.Slice));
        var points = new List<BaselinePoint>();
        void Record(KpiMonitor monitor, WindowResult window)
        {
            var key = (monitor.Subject.RuleId, monitor.Subject.Slice);
            if (window.Value is not null
                && (!_recorded.TryGetValue(key, out var last) || window.End > last)
                && monitor.LastVerdict is not null)
            {
                _recorded[key] = window.End;
                if (BaselinePoint.From(window.Kpi, window.Slice, window.End, monitor.LastVerdict) is { } point)
                {
                    points.Add(point);
                }
            }
        }

        var transitions = _evaluator.Evaluate(
            series, from, watermark, watermark, finalOnly: true, openings, Record, snapshot.Activity());

        var stored = 0;
        foreach (var transition in transitions)
        {
            if (!Announces(transition))
            {
                continue;
            }

            stored += await StoreAsync(transition, cancellationToken) ? 1 : 0;
        }

        if (warmingUp)
        {
            stored += await ResolveOrphansAsync(cancellationToken);
        }

        await baselines.WriteAsync(points, cancellationToken);
        await PublishReadyAsync(cancellationToken);
        _evaluatedThrough = watermark;
        return stored;
    }

    /// <summary>
    /// After a switch of rules version, the warm-up replays windows the previous version already judged. An alert the
    /// new version would have opened back then, for a KPI and slice with no stored open alert, is history that nobody
    /// was paged for: it is not announced, and neither are its updates or recovery. Alerts opened after the switch are.
    /// </summary>
    private bool Announces(AlertTransition transition)
    {
        var alert = transition.Alert!;
        var key = (alert.Kpi, alert.Slice);
        if (_replayCut is { } cut && alert.WindowEnd <= cut && !_storedIds.ContainsKey(key))
        {
            if (transition.Kind == AlertTransitionKind.Opened)
            {
                _unannounced.Add(key);
            }
            else if (transition.Kind == AlertTransitionKind.Resolved)
            {
                _unannounced.Remove(key);
            }

            return false;
        }

        if (_unannounced.Contains(key))
        {
            if (transition.Kind != AlertTransitionKind.Opened)
            {
                if (transition.Kind == AlertTransitionKind.Resolved)
                {
                    _unannounced.Remove(key);
                }

                return false;
            }

            _unannounced.Remove(key);
        }

        return true;
    }

    private async Task PublishReadyAsync(CancellationToken cancellationToken)
    {
        var ready = _evaluator!.Monitors.Values.Where(m => !m.IsLearning)
            .Select(m => MonitorStatus.KeyOf(m.Subject.Kpi, m.Subject.Slice)).ToHashSet(StringComparer.Ordinal);
        if (_publishedReady is null || !_publishedReady.SetEquals(ready))
        {
            await alerts.WriteMonitorStatusAsync(ready, cancellationToken);
            _publishedReady = ready;
        }
    }

    private async Task<bool> StoreAsync(AlertTransition transition, CancellationToken cancellationToken)
    {
        var alert = transition.Alert!;
        var key = (alert.Kpi, alert.Slice);
        if (alert.ParentId is not null && _evaluator!.ParentKpi(alert.ParentId) is { } parentKpi
            && _storedIds.TryGetValue((parentKpi, Slice.All), out var parentStored))
        {
            // The evaluator names the parent (an all-contacts alert of the same roll-up group, not always of the same KPI) by
            // the id it would give it; after a restart the stored parent may carry the id of its first opening, which the
            // evaluator continues.
            alert = alert with { ParentId = parentStored };
            transition = transition with { Alert = alert };
        }

        if (!_storedIds.TryGetValue(key, out var storedId)
            || transition.Kind == AlertTransitionKind.Opened && storedId != alert.Id && !await IsOpenAsync(storedId, cancellationToken))
        {
            storedId = alert.Id;
        }

        _storedIds[key] = storedId;
        var written = await alerts.ApplyAsync(transition, storedId, cancellationToken);
        if (alert.Status == AlertStatus.Resolved)
        {
            _storedIds.Remove(key);
        }

        if (written is null)
        {
            return false;
        }

        AnalyticsMetrics.RecordAlert(transition.Kind.ToString().ToLowerInvariant(), alert.Severity.ToString());
        LogTransition(logger, transition.Kind, written.Alert.Id, alert.Kpi, alert.Slice.ToString(), alert.Severity, alert.Value);
        await alerts.NotifyAsync(written, AlertStore.KindOf(written), cancellationToken);
        return true;
    }

    private async Task<bool> IsOpenAsync(string id, CancellationToken cancellationToken) =>
        (await alerts.ListAsync(cancellationToken, fresh: true)).Any(a => a.Alert.Id == id && a.Alert.Status == AlertStatus.Open);

    /// <summary>After a replay, a stored open alert whose KPI and slice the evaluator does not hold open is resolved.</summary>
    private async Task<int> ResolveOrphansAsync(CancellationToken cancellationToken)
    {
        var open = _evaluator!.Monitors.Values
            .Where(m => m.Machine.OpenAlert is not null)
            .Select(m => (m.Subject.Kpi, m.Subject.Slice))
            .ToHashSet();
        var resolved = 0;
        foreach (var orphan in (await alerts.ListAsync(cancellationToken, fresh: true))
                     .Where(a => a.Alert.Status == AlertStatus.Open && !open.Contains((a.Alert.Kpi, a.Alert.Slice))))
        {
            var end = _evaluatedThrough ?? orphan.UpdatedAt;
            var closed = orphan.Alert with
            {
                Status = AlertStatus.Resolved,
                ResolvedAt = time.GetUtcNow(),
                Message = orphan.Alert.Message + " Resolved after the evaluator restarted: the condition no longer holds.",
            };
            var written = await alerts.ApplyAsync(
                new AlertTransition(AlertTransitionKind.Resolved, closed with { WindowEnd = Max(end, orphan.UpdatedAt.AddTicks(1)) }),
                orphan.Alert.Id,
                cancellationToken);
            if (written is not null)
            {
                await alerts.NotifyAsync(written, "resolved", cancellationToken);
                _storedIds.Remove((orphan.Alert.Kpi, orphan.Alert.Slice));
                resolved++;
            }
        }

        return resolved;
    }

    private static TimeSpan MaxHop(RuleSet rules) => rules.Rules.Count == 0 ? TimeSpan.FromMinutes(1) : rules.Rules.Max(r => r.Window.Hop);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules version {Previous} replaced by {Current}: the evaluator restarts")]
    private static partial void LogRulesChanged(ILogger logger, string previous, string current);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Kind}: {AlertId} {Kpi} {Slice} {Severity} value {Value}")]
    private static partial void LogTransition(
        ILogger logger, AlertTransitionKind kind, string alertId, KpiId kpi, string slice, AlertSeverity severity, double value);
}
