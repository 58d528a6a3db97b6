namespace CxServerless.Durable.Orchestration;

/// <summary>Thrown into an orchestration when a sub-orchestration failed or was terminated.</summary>
public sealed class SubWorkflowFailedException : WorkflowStepFailedException
{
    /// <summary>Creates the exception for sub-orchestration <paramref name="activityName"/>.</summary>
    public SubWorkflowFailedException(string activityName, WorkflowFailure failure)
        : base(activityName, failure)
    {
    }

    /// <summary>Creates an empty exception (tooling only).</summary>
    public SubWorkflowFailedException()
    {
    }

    /// <summary>Creates an exception with a message (tooling only).</summary>
    public SubWorkflowFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause (tooling only).</summary>
    public SubWorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
