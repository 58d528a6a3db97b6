using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>One planned run replayed in memory under the shipped rules and the static baseline.</summary>
/// <param name="Run">The run.</param>
/// <param name="Shipped">The score under the shipped (frozen) rules.</param>
/// <param name="Static">The score under the static-threshold baseline.</param>
/// <param name="Events">Events replayed.</param>
/// <param name="Seconds">Wall-clock seconds for both replays.</param>
internal sealed record RunResult(PlannedRun Run, DetectionScore Shipped, DetectionScore Static, int Events, double Seconds)
{
    public ScoredRun ShippedRun => new(Run, Shipped);

    public ScoredRun StaticRun => new(Run, Static);
}
