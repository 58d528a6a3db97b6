namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>One rule's backtest over the scored period: what fired, and what the draft would have raised instead.</summary>
/// <param name="DidFire">Alerts of the rule that fired (stored) in the period.</param>
/// <param name="ActiveWouldFire">Alerts the active version opens when the history is replayed (a check of the replay).</param>
/// <param name="WouldFire">Alerts the draft opens on the same replay.</param>
/// <param name="FalseAlarms">Flagged false alarms in the period.</param>
/// <param name="FalseAlarmsAvoided">Of them, those the draft raises nothing for.</param>
/// <param name="Confirmed">Confirmed alerts (resolved by a person) in the period.</param>
/// <param name="ConfirmedKept">Of them, those the draft still raises an alert for.</param>
/// <param name="AvoidedAlertIds">The false alarms avoided.</param>
/// <param name="LostAlertIds">The confirmed alerts the draft would have missed.</param>
public sealed record RuleBacktest(
    int DidFire,
    int ActiveWouldFire,
    int WouldFire,
    int FalseAlarms,
    int FalseAlarmsAvoided,
    int Confirmed,
    int ConfirmedKept,
    IReadOnlyList<string> AvoidedAlertIds,
    IReadOnlyList<string> LostAlertIds);
