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
/// <b>Roll-up</b> (a rule's <see cref="AlertPolicy.RollUpWait"/>): one problem is paged once. Alerts roll up within a
/// <i>roll-up group</i>, the rules that route to the same people (<see cref="RoutingHint.Team"/> and
/// <see cref="RoutingHint.Skill"/>), provided one of them watches <c>all</c>. A sub-slice alert that opens while an
/// <c>all</c> alert of its group is open joins it as a child (<see cref="Alert.ParentId"/>; the same KPI's <c>all</c>
/// alert first, else the group's earliest open one), so a queue's abandonment during a centre-wide service-level breach
/// is handled with that breach. One that opens while its group's <c>all</c> alerts are quiet is held for the wait, and
/// joins such an alert if one opens meanwhile, else is released with its original opening time. A child still open when
/// its parent resolves moves to another open <c>all</c> alert of its group if there is one; otherwise it is held for the
/// wait again, and if it is still open then, its transition is emitted again as <see cref="AlertTransitionKind.Opened"/>
/// without a parent, so it pages then. Held alerts live in memory only; a caller that restarts replays its warm-up,
/// which holds them again.
/// </para>
/// Not thread-safe; deterministic for the same inputs.
/// </summary>
/// <param name="rules">The validated rules.</param>
public sealed class AlertEvaluator(RuleSet rules)
{
    private static readonly TimeSpan ParentMemory = TimeSpan.FromDays(1);

    private readonly Dictionary<(string RuleId, Slice Slice), KpiMonitor> _monitors = [];
    private readonly Dictionary<(KpiId Kpi, Slice Slice), HeldAlert> _held = [];
    private readonly Dictionary<RollUpGroup, List<ParentSpan>> _parents = [];
    private readonly HashSet<RollUpGroup> _groupsWatchingAll = (rules ?? throw new ArgumentNullException(nameof(rules))).Rules
        .Where(r => r.Watches(Slice.All)).Select(r => GroupOf(r.Route)).ToHashSet();

    /// <summary>The rules applied.</summary>
    public RuleSet Rules { get; } = rules;

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
        var group = GroupOf(monitor.Subject.Route);
        if (alert.Slice == Slice.All)
        {
            TrackParent(group, alert, transition.Kind);
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
            || !_groupsWatchingAll.Contains(group))
        {
            output.Add(transition);
            return;
        }

        if (ParentOpenAt(group, alert.Kpi, alert.OpenedAt) is { } parent)
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
            var parent = Preferred(
                Spans(GroupOf(held.Monitor.Subject.Route)).Where(p => p.OpenedAt <= held.Until && p.OpenedAt <= horizon
                    && (p.ResolvedAt is null || p.ResolvedAt > held.OpenedAt)),
                key.Kpi);
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

        // A child that outlives its parent moves to another open alert of its group, or is held for the wait again and then
        // pages on its own.
        foreach (var monitor in _monitors.Values.Where(m => m.Machine.OpenAlert?.ParentId is not null)
                     .OrderBy(m => m.Subject.Kpi).ThenBy(m => m.Subject.Slice.ToString(), StringComparer.Ordinal))
        {
            var group = GroupOf(monitor.Subject.Route);
            var span = Spans(group).FirstOrDefault(p => p.Id == monitor.Machine.OpenAlert!.ParentId);
            if (span is { ResolvedAt: null })
            {
                continue;
            }

            if (ParentOpenAt(group, monitor.Subject.Kpi, horizon) is { } other)
            {
                monitor.Machine.SetParent(other.Id);
            }
            else if (span is null || span.ResolvedAt + (monitor.Subject.Policy.RollUpWait ?? TimeSpan.Zero) <= horizon)
            {
                output.Add(new AlertTransition(AlertTransitionKind.Opened, monitor.Machine.SetParent(null)));
            }
        }

        foreach (var spans in _parents.Values)
        {
            spans.RemoveAll(p => p.ResolvedAt < horizon - ParentMemory);
        }
    }

    /// <summary>The KPI of the <c>all</c> alert with id <paramref name="parentId"/>, while the evaluator remembers it.</summary>
    public KpiId? ParentKpi(string parentId) =>
        _parents.Values.SelectMany(spans => spans).FirstOrDefault(p => p.Id == parentId)?.Kpi;

    private static RollUpGroup GroupOf(RoutingHint route) => new(route.Team, route.Skill);

    private static ParentSpan? Preferred(IEnumerable<ParentSpan> candidates, KpiId kpi) =>
        candidates.OrderBy(p => p.Kpi == kpi ? 0 : 1).ThenBy(p => p.OpenedAt).FirstOrDefault();

    private void TrackParent(RollUpGroup group, Alert alert, AlertTransitionKind kind)
    {
        var spans = Spans(group);
        if (kind == AlertTransitionKind.Opened)
        {
            spans.Add(new ParentSpan(alert.Id, alert.Kpi, alert.OpenedAt));
        }
        else if (kind == AlertTransitionKind.Resolved && spans.FirstOrDefault(p => p.Id == alert.Id) is { } span)
        {
            span.ResolvedAt = alert.ResolvedAt ?? alert.WindowEnd;
        }
    }

    private ParentSpan? ParentOpenAt(RollUpGroup group, KpiId kpi, DateTimeOffset at) =>
        Preferred(Spans(group).Where(p => p.OpenedAt <= at && (p.ResolvedAt is null || p.ResolvedAt > at)), kpi);

    private List<ParentSpan> Spans(RollUpGroup group)
    {
        if (!_parents.TryGetValue(group, out var spans))
        {
            spans = [];
            _parents.Add(group, spans);
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

    private sealed record RollUpGroup(string? Team, string? Skill);

    private sealed class ParentSpan(string id, KpiId kpi, DateTimeOffset openedAt)
    {
        public string Id { get; } = id;

        public KpiId Kpi { get; } = kpi;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public DateTimeOffset? ResolvedAt { get; set; }
    }
}
