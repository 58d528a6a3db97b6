using CxServerless.Domain.Analytics.Recalibration;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>What <see cref="RecalibrationAtWork"/> found.</summary>
/// <param name="Run">The run (two recalibrated days, then the held-out day).</param>
/// <param name="HeldOutFrom">Where the held-out day starts.</param>
/// <param name="MisSetHash">SHA-256 of the mis-set rules file.</param>
/// <param name="Fired">The alerts of the two days, labelled from the incident labels.</param>
/// <param name="Proposal">The recalibration's proposal.</param>
/// <param name="Before">The held-out day under the mis-set rules.</param>
/// <param name="After">The held-out day under the draft, or null without a draft.</param>
internal sealed record RecalibrationResult(
    PlannedRun Run,
    DateTimeOffset HeldOutFrom,
    string MisSetHash,
    IReadOnlyList<LabelledAlert> Fired,
    RecalibrationProposal Proposal,
    ScoredRun Before,
    ScoredRun? After);
