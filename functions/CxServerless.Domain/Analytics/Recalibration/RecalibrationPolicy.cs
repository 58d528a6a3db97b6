namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// How the nightly recalibration may change a rules version: the <c>recalibration</c> section of the rules file
/// (docs/alert-rules.md, "Recalibration"). Every field has a default, so a file without the section recalibrates with
/// the defaults shown.
/// </summary>
/// <param name="FalseAlarmRateTarget">
/// The largest acceptable share of a rule's alerts that people flagged as false alarms (0–1); a rule above it is tuned.
/// </param>
/// <param name="MinFalseAlarms">How many flagged false alarms a rule needs before it is tuned (one opinion is not a trend).</param>
/// <param name="MaxThresholdMovePercent">
/// Guard rail: a draft whose thresholds move by more than this percentage waits for an OpsAdmin's approval.
/// </param>
/// <param name="SearchLimitPercent">
/// The largest move the search tries (above the guard rail, so that a bigger move that is needed is still proposed).
/// </param>
/// <param name="SearchStepPercent">The step of the search, in percent.</param>
/// <param name="History">How far back the baselines are recomputed from (default 28 days).</param>
/// <param name="Backtest">The most recent part of the history the proposal is scored on (default 7 days).</param>
/// <param name="ApprovalTimeout">How long a draft outside the guard rails waits for approval before it expires.</param>
public sealed record RecalibrationPolicy(
    double FalseAlarmRateTarget,
    int MinFalseAlarms,
    double MaxThresholdMovePercent,
    double SearchLimitPercent,
    double SearchStepPercent,
    TimeSpan History,
    TimeSpan Backtest,
    TimeSpan ApprovalTimeout)
{
    /// <summary>The defaults: 20 % false alarms, 2 flagged, a 25 % guard rail, search to 100 % in 5 % steps, 28 d, 7 d, 3 d.</summary>
    public static RecalibrationPolicy Default { get; } =
        new(0.2, 2, 25, 100, 5, TimeSpan.FromDays(28), TimeSpan.FromDays(7), TimeSpan.FromDays(3));
}
