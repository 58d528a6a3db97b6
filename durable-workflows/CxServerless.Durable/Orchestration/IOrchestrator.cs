namespace CxServerless.Durable.Orchestration;

/// <summary>
/// A workflow's deterministic control flow. The engine calls <see cref="RunAsync"/> again for every episode and
/// replays it from history, so it must only await the context's operations and must not read clocks, random numbers,
/// I/O or threads directly (use <see cref="OrchestrationContext.CurrentUtcDateTime"/> and
/// <see cref="OrchestrationContext.NewGuid"/>; do I/O in activities).
/// </summary>
/// <typeparam name="TInput">The orchestration's input, serialized as JSON in history.</typeparam>
/// <typeparam name="TOutput">The orchestration's result, serialized as JSON in history.</typeparam>
public interface IOrchestrator<TInput, TOutput>
{
    /// <summary>Runs (or replays) the orchestration on <paramref name="context"/> with its <paramref name="input"/>.</summary>
    Task<TOutput> RunAsync(OrchestrationContext context, TInput input);
}
