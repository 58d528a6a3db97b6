namespace CxServerless.Domain.Escalation;

/// <summary>What the escalation KPIs need to know of one task (one alert's escalation).</summary>
/// <param name="CreatedAt">When the task was created.</param>
/// <param name="AcknowledgedAt">When someone acknowledged it, if anyone did.</param>
/// <param name="ClosedAt">When it closed, if it did.</param>
/// <param name="Closure">How it closed: <c>resolved</c>, <c>falseAlarm</c> or <c>alertResolved</c>.</param>
/// <param name="SlaBreached">Whether it outlived its last escalation level.</param>
/// <param name="Escalations">How many times it climbed to a next level.</param>
/// <param name="Rule">The alert rule that raised its alert (<c>manual</c> for a declared incident).</param>
public sealed record TaskFacts(
    DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ClosedAt, string? Closure, bool SlaBreached,
    int Escalations, string Rule);
