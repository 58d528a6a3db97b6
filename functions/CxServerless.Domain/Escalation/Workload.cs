namespace CxServerless.Domain.Escalation;

/// <summary>How busy a person is: their open tasks and when they were last given one.</summary>
/// <param name="OpenTasks">Tasks assigned to them and not yet resolved.</param>
/// <param name="LastAssigned">When they were last given a task, if ever.</param>
public sealed record Workload(int OpenTasks, DateTimeOffset? LastAssigned)
{
    /// <summary>No tasks, never assigned.</summary>
    public static Workload Idle { get; } = new(0, null);
}
