using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// One alert: a KPI and slice out of its normal range. There is at most one open alert per KPI and slice; while it
/// stays open it is updated (same <see cref="Id"/>), not repeated.
/// </summary>
public sealed record Alert
{
    /// <summary>The deterministic id (<see cref="AlertId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The version of the rules file that raised it.</summary>
    public required string RulesVersion { get; init; }

    /// <summary>The id of the rule that raised it.</summary>
    public required string RuleId { get; init; }

    /// <summary>The KPI.</summary>
    public required KpiId Kpi { get; init; }

    /// <summary>The slice.</summary>
    public required Slice Slice { get; init; }

    /// <summary>Open or resolved.</summary>
    public required AlertStatus Status { get; init; }

    /// <summary>The current severity: the most severe breaching detector in the latest breaching window.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>The detector that speaks for the latest breaching window.</summary>
    public required string Detector { get; init; }

    /// <summary>Above or below the baseline.</summary>
    public required BreachDirection Direction { get; init; }

    /// <summary>The KPI's value in the latest window evaluated (once resolved, the normal value it recovered at).</summary>
    public required double Value { get; init; }

    /// <summary>The KPI's value in the window that opened the alert; null for alerts stored before it was kept.</summary>
    public double? OpeningValue { get; init; }

    /// <summary>The worst value while open: the most extreme breaching value (in the breach direction).</summary>
    public required double PeakValue { get; init; }

    /// <summary>What the value was compared with, when there is one.</summary>
    public double? Baseline { get; init; }

    /// <summary>The lower edge of the normal band, when there is one.</summary>
    public double? Lower { get; init; }

    /// <summary>The upper edge of the normal band, when there is one.</summary>
    public double? Upper { get; init; }

    /// <summary>The start (excluded) of the latest window evaluated.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The end (included) of the latest window evaluated.</summary>
    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>The end of the window that opened the alert.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The end of the window that recovered it, once resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>How many breaching windows it has seen.</summary>
    public required int BreachCount { get; init; }

    /// <summary>Where to route it.</summary>
    public required RoutingHint Route { get; init; }

    /// <summary>The plain message (<see cref="AlertMessages"/>).</summary>
    public required string Message { get; init; }

    /// <summary>
    /// The id of the alert on the <c>all</c> slice this sub-slice alert was rolled up into (<see cref="AlertPolicy.RollUpWait"/>):
    /// a child is stored and listed under its parent but announced on its own only if it outlives it. Null for every
    /// alert that pages on its own.
    /// </summary>
    public string? ParentId { get; init; }
}
