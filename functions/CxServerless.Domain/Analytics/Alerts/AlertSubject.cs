using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>What an alert state machine watches: one rule's KPI for one slice, under one rules version.</summary>
/// <param name="RulesVersion">The rules file version, recorded on every alert and part of its id.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Policy">The anti-fatigue policy.</param>
/// <param name="Route">The routing hint copied onto alerts.</param>
public sealed record AlertSubject(string RulesVersion, string RuleId, KpiId Kpi, Slice Slice, AlertPolicy Policy, RoutingHint Route);
