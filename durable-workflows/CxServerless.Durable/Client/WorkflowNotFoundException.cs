namespace CxServerless.Durable.Client;

/// <summary>No instance with the given id exists (it was never started, or it was purged).</summary>
public sealed class WorkflowNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="instanceId"/>.</summary>
    public WorkflowNotFoundException(string instanceId)
        : base($"Workflow instance '{instanceId}' does not exist.") => InstanceId = instanceId;

    /// <summary>Creates an empty exception (tooling only).</summary>
    public WorkflowNotFoundException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates an exception with a cause (tooling only).</summary>
    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException) => InstanceId = string.Empty;

    /// <summary>The instance id asked for.</summary>
    public string InstanceId { get; }
}
