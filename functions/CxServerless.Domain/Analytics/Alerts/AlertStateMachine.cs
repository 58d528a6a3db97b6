using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// The anti-fatigue alert state machine of one KPI and slice. Closed, it opens an alert when k of the last n windows
/// breached (the current one included), unless a cooldown after the previous alert is running. Open, it updates the
/// same alert on each breaching window, and resolves it after N consecutive clear windows; a window in the hysteresis
/// band (hold) resets that count. Windows must come in order of their end; a window ending at or before the latest one
/// seen is ignored, so re-delivery and late corrections never open a second alert. Deterministic and free of I/O.
/// </summary>
public sealed class AlertStateMachine
{
    private readonly AlertSubject _subject;
    private readonly Queue<bool> _recent;
    private Alert? _open;
    private int _clearStreak;
    private DateTimeOffset _cooldownUntil;
    private DateTimeOffset? _lastEnd;

    /// <summary>Creates the machine, from saved <paramref name="state"/> when given.</summary>
    public AlertStateMachine(AlertSubject subject, AlertMachineState? state = null)
    {
        _subject = subject ?? throw new ArgumentNullException(nameof(subject));
        state ??= AlertMachineState.Initial;
        _recent = new Queue<bool>(state.RecentBreaches);
        _open = state.Open;
        _clearStreak = state.ClearStreak;
        _cooldownUntil = state.CooldownUntil;
        _lastEnd = state.LastWindowEnd;
    }

    /// <summary>The open alert, if any.</summary>
    public Alert? OpenAlert => _open;

    /// <summary>The state to save.</summary>
    public AlertMachineState State => new([.. _recent], _open, _clearStreak, _cooldownUntil, _lastEnd);

    /// <summary>
    /// Takes the combined verdict of the window (<paramref name="start"/>, <paramref name="end"/>] and says what changed.
    /// </summary>
    public AlertTransition Step(DateTimeOffset start, DateTimeOffset end, PanelVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (_lastEnd is { } last && end <= last)
        {
            return AlertTransition.Nothing;
        }

        _lastEnd = end;
        return _open is null ? StepClosed(start, end, verdict) : StepOpen(_open, start, end, verdict);
    }

    /// <summary>Sets or clears the open alert's parent (roll-up); later transitions carry it. No effect when nothing is open.</summary>
    internal Alert? SetParent(string? parentId)
    {
        if (_open is not null)
        {
            _open = _open with { ParentId = parentId };
        }

        return _open;
    }

    private AlertTransition StepClosed(DateTimeOffset start, DateTimeOffset end, PanelVerdict verdict)
    {
        if (end < _cooldownUntil)
        {
            return AlertTransition.Nothing;
        }

        var policy = _subject.Policy;
        _recent.Enqueue(verdict.Level == DetectionLevel.Breach);
        while (_recent.Count > policy.WindowsToConsider)
        {
            _recent.Dequeue();
        }

        if (verdict.Level != DetectionLevel.Breach || _recent.Count(b => b) < policy.BreachesToOpen)
        {
            return AlertTransition.Nothing;
        }

        _recent.Clear();
        _clearStreak = 0;
        var primary = verdict.Primary;
        _open = new Alert
        {
            Id = AlertId.For(_subject.RulesVersion, _subject.Kpi, _subject.Slice, end),
            RulesVersion = _subject.RulesVersion,
            RuleId = _subject.RuleId,
            Kpi = _subject.Kpi,
            Slice = _subject.Slice,
            Status = AlertStatus.Open,
            Severity = verdict.Severity,
            Detector = primary.Detector,
            Direction = primary.Direction,
            Value = primary.Value,
            OpeningValue = primary.Value,
            PeakValue = primary.Value,
            Baseline = primary.Baseline,
            Lower = primary.Lower,
            Upper = primary.Upper,
            WindowStart = start,
            WindowEnd = end,
            OpenedAt = end,
            BreachCount = 1,
            Route = _subject.Route,
            Message = AlertMessages.Breach(verdict.Severity, _subject.Kpi, _subject.Slice, primary, start, end),
        };
        return new AlertTransition(AlertTransitionKind.Opened, _open);
    }

    private AlertTransition StepOpen(Alert open, DateTimeOffset start, DateTimeOffset end, PanelVerdict verdict)
    {
        switch (verdict.Level)
        {
            case DetectionLevel.Breach:
                _clearStreak = 0;
                _open = Updated(open, start, end, verdict);
                return new AlertTransition(AlertTransitionKind.Updated, _open, _open.Severity != open.Severity);
            case DetectionLevel.Hold:
                _clearStreak = 0;
                return AlertTransition.Nothing;
            case DetectionLevel.Clear:
                return ++_clearStreak >= _subject.Policy.RecoverAfter ? Resolve(open, start, end, verdict) : AlertTransition.Nothing;
            default:
                return AlertTransition.Nothing;
        }
    }

    private Alert Updated(Alert open, DateTimeOffset start, DateTimeOffset end, PanelVerdict verdict)
    {
        var primary = verdict.Primary;
        var peak = open.Direction == BreachDirection.Below
            ? Math.Min(open.PeakValue, primary.Value)
            : Math.Max(open.PeakValue, primary.Value);
        return open with
        {
            Severity = verdict.Severity,
            Detector = primary.Detector,
            Direction = primary.Direction,
            Value = primary.Value,
            PeakValue = peak,
            Baseline = primary.Baseline,
            Lower = primary.Lower,
            Upper = primary.Upper,
            WindowStart = start,
            WindowEnd = end,
            BreachCount = open.BreachCount + 1,
            Message = AlertMessages.Breach(verdict.Severity, _subject.Kpi, _subject.Slice, primary, start, end, open.OpeningValue, peak),
        };
    }

    private AlertTransition Resolve(Alert open, DateTimeOffset start, DateTimeOffset end, PanelVerdict verdict)
    {
        var resolved = open with
        {
            Status = AlertStatus.Resolved,
            Value = verdict.Primary.Value,
            WindowStart = start,
            WindowEnd = end,
            ResolvedAt = end,
            Message = AlertMessages.Recovered(
                _subject.Kpi, _subject.Slice, verdict.Primary.Value, _clearStreak, end, open.OpeningValue, open.PeakValue),
        };
        _open = null;
        _clearStreak = 0;
        _recent.Clear();
        _cooldownUntil = end + _subject.Policy.Cooldown;
        return new AlertTransition(AlertTransitionKind.Resolved, resolved);
    }
}
