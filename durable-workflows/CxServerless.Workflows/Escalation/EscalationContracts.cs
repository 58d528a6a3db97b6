using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Workflows.Escalation;

/// <summary>What starts an escalation: one alert, by its id. Holds no personal data.</summary>
/// <param name="AlertId">The alert's id; the instance id and the task id derive from it.</param>
/// <param name="Severity">The alert's severity, which picks the escalation chain.</param>
/// <param name="Summary">The alert's message, shown as the task's title.</param>
/// <param name="Slice">The alert's slice (<c>all</c>, <c>queue=billing</c>, ...).</param>
/// <param name="Kpi">The KPI, when the alert is about one.</param>
/// <param name="Route">The rule's routing hint.</param>
/// <param name="Source">detected or manual.</param>
public sealed record EscalationRequest(
    string AlertId, AlertSeverity Severity, string Summary, string Slice, string? Kpi, RoutingHint Route, string Source)
{
    /// <summary>The orchestration instance id of an alert's escalation.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The instance id.</returns>
    public static string InstanceIdFor(string alertId) => "escalation-" + alertId;

    /// <summary>The task id of an alert's escalation.</summary>
    /// <param name="alertId">The alert id.</param>
    /// <returns>The task id.</returns>
    public static string TaskIdFor(string alertId) => "task-" + alertId;
}

/// <summary>One level of the chain as the orchestrator follows it.</summary>
/// <param name="Role">The role that takes the task.</param>
/// <param name="AnyTeam">Whether anyone with the role may take it.</param>
/// <param name="AcknowledgeWithin">The acknowledgement SLA.</param>
/// <param name="ResolveWithin">The resolution SLA, from acknowledgement.</param>
/// <param name="RemindBefore">When before an SLA lapses the assignee is reminded (zero: no reminder).</param>
/// <param name="Channels">How the assignee is told.</param>
public sealed record LevelPlan(
    string Role, bool AnyTeam, TimeSpan AcknowledgeWithin, TimeSpan ResolveWithin, TimeSpan RemindBefore, IReadOnlyList<string> Channels);

/// <summary>The task an escalation opened and the chain it follows.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Team">The owning team.</param>
/// <param name="RosterVersion">The routing file's version that routed it.</param>
/// <param name="Levels">The escalation chain for the alert's severity.</param>
public sealed record EscalationPlan(string TaskId, string Team, string RosterVersion, IReadOnlyList<LevelPlan> Levels);

/// <summary>What a person, or the alert evaluator, did to a task: the payload of the <c>taskAction</c> event.</summary>
/// <param name="Kind">acknowledge, resolve, falseAlarm, reassign, alertResolved or severityChanged.</param>
/// <param name="By">Who did it (a person's id, or <c>system</c>).</param>
/// <param name="Note">The resolution, reason or note, already masked of personal data.</param>
/// <param name="To">The new assignee of a reassignment.</param>
/// <param name="Severity">The new severity of a severity change.</param>
public sealed record TaskAction(string Kind, string By, string? Note = null, string? To = null, AlertSeverity? Severity = null)
{
    /// <summary>The external event name every task action is raised under.</summary>
    public const string EventName = "taskAction";
}

/// <summary>Assign a level (or reassign within it) and tell the assignee.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Step">The orchestrator's step counter: the idempotency key of what this call writes.</param>
/// <param name="Level">The level's index in the chain.</param>
/// <param name="Plan">The level.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Skill">The skill the alert asks for.</param>
/// <param name="Previous">Who had the task at earlier levels.</param>
/// <param name="Person">A named assignee (a reassignment), or null to pick by the roster.</param>
/// <param name="DueAt">When the current SLA lapses.</param>
/// <param name="Why">Why the task moves (for the timeline).</param>
public sealed record AssignRequest(
    string TaskId, int Step, int Level, LevelPlan Plan, string Team, string? Skill, IReadOnlyList<string> Previous,
    string? Person, DateTimeOffset DueAt, string Why);

/// <summary>Who took the level.</summary>
/// <param name="PersonId">The assignee, or null when nobody could take it.</param>
/// <param name="Reason">Why they were chosen, or why nobody was.</param>
public sealed record AssignResult(string? PersonId, string Reason);

/// <summary>A change of the task's state by the orchestrator (reminder, acknowledgement, breach, closure).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Step">The idempotency key of what this call writes.</param>
/// <param name="Kind">reminded, acknowledged, slaBreached, or a closing kind (resolved, falseAlarm, alertResolved).</param>
/// <param name="By">Who caused it.</param>
/// <param name="Note">The note to record.</param>
/// <param name="PersonId">The assignee concerned (reminders).</param>
/// <param name="DueAt">The new SLA deadline, when it changes.</param>
/// <param name="Channels">The channels a reminder or breach notification goes to (the level's); null: the inbox only.</param>
public sealed record TaskChange(
    string TaskId, int Step, string Kind, string By, string? Note, string? PersonId, DateTimeOffset? DueAt,
    IReadOnlyList<string>? Channels = null);

/// <summary>How an escalation ended.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Closure">resolved, falseAlarm or alertResolved.</param>
/// <param name="By">Who closed it.</param>
/// <param name="Level">The level it had reached.</param>
/// <param name="SlaBreached">Whether it outlived its last level.</param>
public sealed record EscalationOutcome(string TaskId, string Closure, string By, int Level, bool SlaBreached);

/// <summary>Re-plan the chain after the alert's severity changed.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Step">The idempotency key of what this call writes.</param>
/// <param name="Severity">The new severity.</param>
public sealed record ReplanRequest(string TaskId, int Step, AlertSeverity Severity);
