using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Escalation;

namespace CxServerless.Workflows.Escalation;

/// <summary>Converts between the roster's escalation levels and the plans the orchestrator carries.</summary>
internal static class LevelPlans
{
    public static IReadOnlyList<LevelPlan> For(Roster roster, AlertSeverity severity) =>
        [.. roster.Chains[severity].Select(l =>
            new LevelPlan(l.Role, l.AnyTeam, l.AcknowledgeWithin, l.ResolveWithin, l.RemindBefore, l.Channels))];

    public static EscalationLevel ToLevel(LevelPlan plan) =>
        new(plan.Role, plan.AnyTeam, plan.AcknowledgeWithin, plan.ResolveWithin, plan.RemindBefore, plan.Channels);
}
