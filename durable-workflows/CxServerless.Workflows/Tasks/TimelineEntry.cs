namespace CxServerless.Workflows.Tasks;

/// <summary>One line of a task's timeline: created, assigned, reminded, escalated, acknowledged, commented, closed.</summary>
/// <param name="Key">The entry's idempotency key (the workflow step or the API action), ordering entries of one time.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="By">Who did it (a person's id, or <c>system</c>).</param>
/// <param name="Text">What to show, masked of personal data.</param>
/// <param name="Person">The person the entry is about (the assignee of an assignment), if any.</param>
public sealed record TimelineEntry(string Key, DateTimeOffset At, string Kind, string By, string Text, string? Person = null);
