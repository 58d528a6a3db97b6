namespace CxSim.Detection.Quality;

/// <summary>One run of the plan with the score of the alerts it raised.</summary>
/// <param name="Run">The planned run.</param>
/// <param name="Score">Its score (incidents in the order of <see cref="PlannedRun.Incidents"/>).</param>
public sealed record ScoredRun(PlannedRun Run, DetectionScore Score);
