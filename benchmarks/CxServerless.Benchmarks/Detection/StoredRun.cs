using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>One run through the storage path, before it is compared with the same run in memory.</summary>
/// <param name="Run">The run.</param>
/// <param name="Score">The score of the alerts the real evaluator stored.</param>
/// <param name="Restarts">When the handler restarted (simulated time).</param>
/// <param name="Passes">Evaluation passes.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
internal sealed record StoredRun(PlannedRun Run, DetectionScore Score, IReadOnlyList<DateTimeOffset> Restarts, int Passes, double Seconds)
{
    /// <summary>Which scored alerts (rule, slice, opening window) both paths raised, and which only one did.</summary>
    public StorageComparison Compare(RunResult memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var storageKeys = Score.Alerts.Select(StorageComparison.KeyOf).ToHashSet(StringComparer.Ordinal);
        var memoryKeys = memory.Shipped.Alerts.Select(StorageComparison.KeyOf).ToHashSet(StringComparer.Ordinal);
        return new StorageComparison(
            Run,
            Score,
            memory.Shipped,
            [.. storageKeys.Intersect(memoryKeys).Order(StringComparer.Ordinal)],
            [.. storageKeys.Except(memoryKeys).Order(StringComparer.Ordinal)],
            [.. memoryKeys.Except(storageKeys).Order(StringComparer.Ordinal)],
            Restarts,
            Passes,
            Seconds);
    }
}
