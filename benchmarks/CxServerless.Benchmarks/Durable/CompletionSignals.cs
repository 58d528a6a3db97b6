using System.Collections.Concurrent;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// In-process completion signals from <see cref="BenchSequence"/>, keyed by instance id. An instance is signalled when
/// its orchestrator has run its last step, just before the framework checkpoints that final episode; in steady state
/// completions and checkpoints happen at the same rate, so pacing the load on this signal measures throughput without
/// adding status reads to the storage load.
/// </summary>
internal static class CompletionSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Pending = new(StringComparer.Ordinal);

    /// <summary>Registers an instance id before it is started and returns the task its completion completes.</summary>
    public static Task Register(string instanceId) =>
        Pending.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Signals an instance; a repeated signal (an episode run again after a failed checkpoint) is ignored.</summary>
    public static void Complete(string instanceId)
    {
        if (Pending.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Forgets an instance the harness stopped waiting for.</summary>
    public static void Forget(string instanceId) => Pending.TryRemove(instanceId, out _);
}
