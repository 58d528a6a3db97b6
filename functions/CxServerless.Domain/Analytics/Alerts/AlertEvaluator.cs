using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// Applies a whole rule set to minute series: for every KPI and slice a rule watches, it composes the rule's windows
/// and feeds them, in order, to that slice's <see cref="KpiMonitor"/> (created on first sight). Call it as time
/// advances with overlapping ranges; windows already evaluated are skipped by the monitors, so each window is judged
/// once. A count KPI's window (contact volume) over a stretch when nothing at all arrived (<see cref="StoreActivity"/>:
/// before the first event, or while every source was idle) is neither judged nor learned: a first deployment or a
/// restart after idle time saw nothing, which is not a dip, and an empty trailing hour is no baseline to spike against.
/// <para>
/// <b>Roll-up</b> (a rule's <see cref="AlertPolicy.RollUpWait"/>): one problem is paged once. A sub-slice alert that
/// opens while the same KPI's <c>all</c> alert is open joins it as a child (<see cref="Alert.ParentId"/>); one that opens
/// while <c>all</c> is quiet is held for the wait, and joins the <c>all</c> alert if that opens meanwhile, else is
/// released with its original opening time. A child still open when its parent resolves is promoted: its transition
/// is emitted again as <see cref="AlertTransitionKind.Opened"/> without a parent, so it pages then. Held alerts live in
/// memory only; a caller that restarts replays its warm-up, which holds them again.
/// </para>
/// Not thread-safe; deterministic for the same inputs.
/// </summary>
/// <param name="rules">The validated rules.</param>
public sealed class AlertEvaluator(RuleSet rules)
{
    private static readonly TimeSpan ParentMemory = TimeSpan.FromDays(1);

    private readonly Dictionary<(string RuleId, Slice Slice), KpiMonitor> _monitors = [];
    private readonly Dictionary<(KpiId Kpi, Slice Slice), HeldAlert> _held = [];
    private readonly Dictionary<KpiId, List<ParentSpan>> _parents = [];

    /// <summary>The rules applied.</summary>
    public RuleSet Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The monitors so far, by rule id and slice (their alert and detector state can be saved).</summary>
    public IReadOnlyDictionary<(string RuleId, Slice Slice), KpiMonitor> Monitors => _monitors;

    /// <summary>
    /// Evaluates the windows ending in [<paramref name="from"/>, <paramref name="to"/>] for every watched series.
    /// With <paramref name="finalOnly"/>, windows still provisional against <paramref name="globalWatermark"/> are left
    /// for a later call (exact); without it, they are judged at once (fastest). Gauges start from
    /// <paramref name="openingLevels"/> when given (the level before the first bucket held). <paramref name="activity"/>
    /// says when anything arrived; without it, the minutes of <paramref name="series"/> do, so they must then cover
    /// every minute of the windows evaluated (as <see cref="MinuteSeries.Build"/> over all stored buckets does).
    /// </summary>
    public IReadOnlyList<AlertTransition> Evaluate(
        IReadOnlyDictionary<(KpiId Kpi, Slice Slice), MinuteSeries> series,
        DateTimeOffset from,
        DateTimeOffset to,
        DateTimeOffset? globalWatermark = null,
        bool finalOnly = false,
        IReadOnlyDictionary<(KpiId Kpi, Slice Slice), double>? openingLevels = null,
        Action<KpiMonitor, WindowResult>? evaluated = null,
        StoreActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        activity ??= new StoreActivity(series.Values.SelectMany(s => s.Minutes));
        var transitions = new List<AlertTransition>();
        foreach (var ((kpi, slice), minutes) in series.OrderBy(s => s.Key.Kpi).ThenBy(s => s.Key.Slice.ToString(), StringComparer.Ordinal))
        {
            if (Rules.RuleFor(kpi, slice) is not { } rule)
            {
                continue;
            }

            var monitor = MonitorFor(rule, slice);
            var isCount = KpiCatalog.Get(kpi).Kind == KpiValueKind.Count;
            var opening = openingLevels?.GetValueOrDefault((kpi, slice)) ?? 0;
            foreach (var window in WindowComposer.Compose(minutes, rule.Window, from, to, globalWatermark, opening))
            {
                if (finalOnly && window.Status != WindowStatus.Final)
                {
                    break;
                }

                if (isCount && activity.WasIdleDuring(window.Start, window.End))
                {
                    continue;
                }

                var transition = monitor.Evaluate(window);
                evaluated?.Invoke(monitor, window);
                if (transition.Kind != AlertTransitionKind.None)
                {
                    Route(monitor, transition, transitions);
                }
            }
        }

        var horizon = finalOnly && globalWatermark is { } watermark && watermark < to ? watermark : to;
        Settle(horizon, transitions);
        return transitions;
    }

    /// <summary>Sub-slice alerts held for roll-up, not yet emitted (for diagnostics and tests).</summary>
    public int HeldCount => _held.Count;

    private void Route(KpiMonitor monitor, AlertTransition transition, List<AlertTransition> output)
    {
        var alert = transition.Alert!;
        if (alert.Slice == Slice.All)
        {
            TrackParent(alert, transition.Kind);
            output.Add(transition);
            return;
        }

        var key = (alert.Kpi, alert.Slice);
        if (_held.TryGetValue(key, out var held))
        {
            held.Buffer.Add(transition);
            return;
        }

        if (transition.Kind != AlertTransitionKind.Opened
            || monitor.Subject.Policy.RollUpWait is not { } wait
            || Rules.RuleFor(alert.Kpi, Slice.All) is null)
        {
            output.Add(transition);
            return;
        }

        if (ParentOpenAt(alert.Kpi, alert.OpenedAt) is { } parent)
        {
            monitor.Machine.SetParent(parent.Id);
            output.Add(transition with { Alert = alert with { ParentId = parent.Id } });
            return;
        }

        _held[key] = new HeldAlert(monitor, alert.OpenedAt, alert.OpenedAt + wait, [transition]);
    }

    private void Settle(DateTimeOffset horizon, List<AlertTransition> output)
    {
        var due = _held.OrderBy(h => h.Value.OpenedAt).ThenBy(h => h.Key.Slice.ToString(), StringComparer.Ordinal).ToList();
        foreach (var (key, held) in due)
        {
            var parent = Spans(key.Kpi).FirstOrDefault(p => p.OpenedAt <= held.Until && p.OpenedAt <= horizon
                && (p.ResolvedAt is null || p.ResolvedAt > held.OpenedAt));
            if (parent is null && horizon < held.Until)
            {
                continue;
            }

            _held.Remove(key);
            if (parent is not null)
            {
                held.Monitor.Machine.SetParent(parent.Id);
            }

            output.AddRange(held.Buffer.Select(t => parent is null ? t : t with { Alert = t.Alert! with { ParentId = parent.Id } }));
        }

        // A child that outlives its parent pages on its own from now.
        foreach (var monitor in _monitors.Values.Where(m => m.Machine.OpenAlert?.ParentId is not null)
                     .OrderBy(m => m.Subject.Kpi).ThenBy(m => m.Subject.Slice.ToString(), StringComparer.Ordinal))
        {
            var parentId = monitor.Machine.OpenAlert!.ParentId;
            var span = Spans(monitor.Subject.Kpi).FirstOrDefault(p => p.Id == parentId);
            if (span is null || span.ResolvedAt <= horizon)
            {
                output.Add(new AlertTransition(AlertTransitionKind.Opened, monitor.Machine.SetParent(null)));
            }
        }

        foreach (var spans in _parents.Values)
        {
            spans.RemoveAll(p => p.ResolvedAt < horizon - ParentMemory);
        }
    }

    private void TrackParent(Alert alert, AlertTransitionKind kind)
    {
        var spans = Spans(alert.Kpi);
        if (kind == AlertTransitionKind.Opened)
        {
            spans.Add(new ParentSpan(alert.Id, alert.OpenedAt));
        }
        else if (kind == AlertTransitionKind.Resolved && spans.FirstOrDefault(p => p.Id == alert.Id) is { } span)
        {
            span.ResolvedAt = alert.ResolvedAt ?? alert.WindowEnd;
        }
    }

    private ParentSpan? ParentOpenAt(KpiId kpi, DateTimeOffset at) =>
        Spans(kpi).FirstOrDefault(p => p.OpenedAt <= at && (p.ResolvedAt is null || p.ResolvedAt > at));

    private List<ParentSpan> Spans(KpiId kpi)
    {
        if (!_parents.TryGetValue(kpi, out var spans))
        {
            spans = [];
            _parents.Add(kpi, spans);
        }

        return spans;
    }

    private KpiMonitor MonitorFor(AlertRule rule, Slice slice)
    {
        if (!_monitors.TryGetValue((rule.Id, slice), out var monitor))
        {
            monitor = rule.CreateMonitor(Rules.Version, slice);
            _monitors.Add((rule.Id, slice), monitor);
        }

        return monitor;
    }

    private sealed record HeldAlert(KpiMonitor Monitor, DateTimeOffset OpenedAt, DateTimeOffset Until, List<AlertTransition> Buffer);

    private sealed class ParentSpan(string id, DateTimeOffset openedAt)
    {
        public string Id { get; } = id;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public DateTimeOffset? ResolvedAt { get; set; }
    }
}
