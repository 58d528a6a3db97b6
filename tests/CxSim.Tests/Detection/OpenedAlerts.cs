using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxSim.Detection;

namespace CxSim.Tests.Detection;

/// <summary>Hand-built alert openings for the scorer tests: a warning on one rule, KPI and slice, opened at a given time.</summary>
internal static class OpenedAlerts
{
    /// <summary>An alert opened at <paramref name="openedAt"/>, raised (seen by the replay) <paramref name="raisedAfter"/> later.</summary>
    public static RaisedTransition Opened(
        string rulesVersion, string ruleId, KpiId kpi, Slice slice, DateTimeOffset openedAt, TimeSpan raisedAfter) => new(
        new AlertTransition(AlertTransitionKind.Opened, new Alert
        {
            Id = ruleId + slice + openedAt.Ticks,
            RulesVersion = rulesVersion,
            RuleId = ruleId,
            Kpi = kpi,
            Slice = slice,
            Status = AlertStatus.Open,
            Severity = AlertSeverity.Warning,
            Detector = "static",
            Direction = BreachDirection.Above,
            Value = 1,
            PeakValue = 1,
            WindowStart = openedAt.AddMinutes(-15),
            WindowEnd = openedAt,
            OpenedAt = openedAt,
            BreachCount = 1,
            Route = RoutingHint.None,
            Message = "m",
        }),
        openedAt + raisedAfter);
}
