namespace CxServerless.Durable.Orchestration;

/// <summary>Why an activity, a sub-orchestration or an orchestration failed, as recorded in history.</summary>
/// <param name="ErrorType">The exception type name (or an engine reason such as <c>NonDeterminism</c> or <c>Poison</c>).</param>
/// <param name="Message">The error message.</param>
/// <param name="Details">Optional detail, for example a stack trace.</param>
public sealed record WorkflowFailure(string ErrorType, string Message, string? Details = null)
{
    /// <summary>Builds a failure from an exception.</summary>
    public static WorkflowFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is WorkflowStepFailedException step
            ? new WorkflowFailure(exception.GetType().Name, exception.Message, step.Failure.ErrorType + ": " + step.Failure.Message)
            : new WorkflowFailure(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace);
    }
}
