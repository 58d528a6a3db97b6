namespace CxServerless.Durable.Orchestration;

/// <summary>Thrown into an orchestration when an activity failed (after its retries, if any).</summary>
public sealed class ActivityFailedException : WorkflowStepFailedException
{
    /// <summary>Creates the exception for activity <paramref name="activityName"/>.</summary>
    public ActivityFailedException(string activityName, WorkflowFailure failure)
        : base(activityName, failure)
    {
    }

    /// <summary>Creates an empty exception (tooling only).</summary>
    public ActivityFailedException()
    {
    }

    /// <summary>Creates an exception with a message (tooling only).</summary>
    public ActivityFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause (tooling only).</summary>
    public ActivityFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
