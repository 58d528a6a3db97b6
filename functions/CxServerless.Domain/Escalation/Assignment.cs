namespace CxServerless.Domain.Escalation;

/// <summary>Who takes a task at a level, and why.</summary>
/// <param name="Person">The assignee.</param>
/// <param name="Reason">Why they were chosen, for the task's timeline.</param>
public sealed record Assignment(Person Person, string Reason);
