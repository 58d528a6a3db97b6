using System.Text.Json;
using CxServerless.Domain.Analytics.Recalibration;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>The <c>recalibration</c> section of a rules file.</summary>
public static partial class RuleSetParser
{
    private static RecalibrationPolicy ReadRecalibration(JsonElement root, RuleReader reader)
    {
        const string path = "recalibration";
        var d = RecalibrationPolicy.Default;
        if (reader.Field(root, path, string.Empty, false, JsonValueKind.Object) is not { } obj)
        {
            return d;
        }

        reader.RejectUnknown(
            obj, path, "falseAlarmRateTarget", "minFalseAlarms", "maxThresholdMovePercent", "searchLimitPercent", "searchStepPercent",
            "history", "backtest", "approvalTimeout");
        var policy = new RecalibrationPolicy(
            reader.Number(obj, "falseAlarmRateTarget", path, d.FalseAlarmRateTarget, 0, 1) ?? d.FalseAlarmRateTarget,
            reader.Integer(obj, "minFalseAlarms", path, d.MinFalseAlarms, 1, 10_000),
            reader.Number(obj, "maxThresholdMovePercent", path, d.MaxThresholdMovePercent, 0, 1000) ?? d.MaxThresholdMovePercent,
            reader.Number(obj, "searchLimitPercent", path, d.SearchLimitPercent, 1, 1000) ?? d.SearchLimitPercent,
            reader.Number(obj, "searchStepPercent", path, d.SearchStepPercent, 1, 100) ?? d.SearchStepPercent,
            reader.Duration(obj, "history", path, d.History),
            reader.Duration(obj, "backtest", path, d.Backtest),
            reader.Duration(obj, "approvalTimeout", path, d.ApprovalTimeout));
        if (policy.Backtest <= TimeSpan.Zero || policy.Backtest > policy.History)
        {
            reader.Error(RuleReader.Path(path, "backtest"), "must be positive and at most history");
        }

        if (policy.History > TimeSpan.FromDays(90))
        {
            reader.Error(RuleReader.Path(path, "history"), "must be at most 90 days");
        }

        if (policy.ApprovalTimeout < TimeSpan.FromSeconds(1) || policy.ApprovalTimeout > TimeSpan.FromDays(30))
        {
            reader.Error(RuleReader.Path(path, "approvalTimeout"), "must lie between 1 second and 30 days");
        }

        return policy;
    }
}
