using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>One run through the storage path next to the same run in memory: which scored alerts both raised.</summary>
/// <param name="Run">The run.</param>
/// <param name="Storage">The score of the alerts stored by the real evaluator.</param>
/// <param name="Memory">The score of the in-memory replay (same rules, same traffic).</param>
/// <param name="Both">Scored alerts (rule, slice, opening window) raised by both.</param>
/// <param name="OnlyStorage">Raised only on the storage path.</param>
/// <param name="OnlyMemory">Raised only in memory.</param>
/// <param name="Restarts">When the handler restarted on the storage path (simulated time).</param>
/// <param name="Passes">Evaluation passes on the storage path.</param>
/// <param name="Seconds">Wall-clock seconds of the storage run.</param>
internal sealed record StorageComparison(
    PlannedRun Run,
    DetectionScore Storage,
    DetectionScore Memory,
    IReadOnlyList<string> Both,
    IReadOnlyList<string> OnlyStorage,
    IReadOnlyList<string> OnlyMemory,
    IReadOnlyList<DateTimeOffset> Restarts,
    int Passes,
    double Seconds)
{
    public static string KeyOf(AlertOutcome a) => $"{a.Alert.RuleId} {a.Alert.Slice} {a.Alert.OpenedAt:MM-dd HH:mm}";
}
