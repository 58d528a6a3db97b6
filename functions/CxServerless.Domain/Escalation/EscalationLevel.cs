namespace CxServerless.Domain.Escalation;

/// <summary>One step of an escalation chain: who gets the task, how long they have, and how they are told.</summary>
/// <param name="Role">The role that takes the task at this level (TeamLead, Supervisor, OpsAdmin).</param>
/// <param name="AnyTeam">When true, anyone with the role may take it; otherwise only the owning team.</param>
/// <param name="AcknowledgeWithin">The acknowledgement SLA: after this, the task climbs to the next level.</param>
/// <param name="ResolveWithin">The resolution SLA from acknowledgement: after this, the task climbs too.</param>
/// <param name="RemindBefore">How long before an SLA lapses the assignee is reminded.</param>
/// <param name="Channels">How the assignee is told: <c>inbox</c> always, plus <c>teams</c>, <c>email</c>, <c>webhook</c>.</param>
public sealed record EscalationLevel(
    string Role,
    bool AnyTeam,
    TimeSpan AcknowledgeWithin,
    TimeSpan ResolveWithin,
    TimeSpan RemindBefore,
    IReadOnlyList<string> Channels);
