namespace CxServerless.Durable.Orchestration;

/// <summary>
/// One unit of work an orchestration schedules with <see cref="OrchestrationContext.CallActivityAsync{T}"/>. Activities
/// are ordinary classes resolved from dependency injection; they may do I/O. They run at least once, so make them
/// idempotent.
/// </summary>
/// <typeparam name="TInput">The activity's input (JSON).</typeparam>
/// <typeparam name="TOutput">The activity's result (JSON).</typeparam>
public interface IActivity<TInput, TOutput>
{
    /// <summary>Runs the activity. An exception becomes an <see cref="ActivityFailedException"/> in the orchestration.</summary>
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
