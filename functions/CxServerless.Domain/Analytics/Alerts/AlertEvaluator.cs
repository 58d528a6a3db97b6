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
/// Not thread-safe; deterministic for the same inputs.
/// </summary>
/// <param name="rules">The validated rules.</param>
public sealed class AlertEvaluator(RuleSet rules)
{
    private readonly Dictionary<(string RuleId, Slice Slice), KpiMonitor> _monitors = [];

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
                    transitions.Add(transition);
                }
            }
        }

        return transitions;
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
}
