namespace CxServerless.Durable.Orchestration;

/// <summary>An awaited step of an orchestration (an activity or a sub-orchestration) failed after all its attempts.</summary>
public class WorkflowStepFailedException : Exception
{
    /// <summary>Creates the exception for step <paramref name="stepName"/> with its recorded <paramref name="failure"/>.</summary>
    public WorkflowStepFailedException(string stepName, WorkflowFailure failure)
        : base($"'{stepName}' failed: {failure?.ErrorType}: {failure?.Message}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        StepName = stepName;
        Failure = failure;
    }

    /// <summary>Creates an empty exception (serialization and tooling only).</summary>
    public WorkflowStepFailedException()
        : this("unknown", new WorkflowFailure("Unknown", "unknown"))
    {
    }

    /// <summary>Creates an exception with a message (tooling only).</summary>
    public WorkflowStepFailedException(string message)
        : this("unknown", new WorkflowFailure("Unknown", message))
    {
    }

    /// <summary>Creates an exception with a message and cause (tooling only).</summary>
    public WorkflowStepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        StepName = "unknown";
        Failure = new WorkflowFailure("Unknown", message);
    }

    /// <summary>The activity or orchestrator name.</summary>
    public string StepName { get; }

    /// <summary>The failure as recorded in history.</summary>
    public WorkflowFailure Failure { get; }
}
