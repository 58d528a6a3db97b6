namespace CxServerless.Workflows.Tasks;

/// <summary>The states of a task.</summary>
public static class TaskStatuses
{
    /// <summary>Assigned, not yet acknowledged.</summary>
    public const string Open = "open";

    /// <summary>Someone is on it.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Closed: resolved, a false alarm, or the alert resolved itself.</summary>
    public const string Resolved = "resolved";
}
