namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>What recalibration found and did for one rule.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Alerts">Alerts the rule raised over the history.</param>
/// <param name="FalseAlarms">Of them, those flagged as false alarms.</param>
/// <param name="FalseAlarmRate">FalseAlarms ÷ Alerts (0 without alerts).</param>
/// <param name="MovePercent">The sensitivity move chosen (0: unchanged).</param>
/// <param name="Note">Why the rule was or was not changed.</param>
/// <param name="Changes">The fields moved.</param>
/// <param name="Backtest">The backtest of the chosen move, for a rule that was tuned.</param>
public sealed record RuleRecalibration(
    string RuleId,
    int Alerts,
    int FalseAlarms,
    double FalseAlarmRate,
    double MovePercent,
    string Note,
    IReadOnlyList<ThresholdChange> Changes,
    RuleBacktest? Backtest);
