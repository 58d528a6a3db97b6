namespace CxServerless.Benchmarks.Detection;

/// <summary>What the detection-quality run froze before generating any traffic.</summary>
/// <param name="RulesPath">The rules file, relative to the repository root.</param>
/// <param name="RulesSha256">SHA-256 of its bytes.</param>
/// <param name="RulesVersion">Its version.</param>
/// <param name="StaticSha256">SHA-256 of the static baseline derived from it (<c>RulesTransforms.StaticOnly</c>).</param>
/// <param name="PlanSha256">SHA-256 of plan.json (runs, incidents, labels).</param>
/// <param name="Command">The command that produced the report.</param>
internal sealed record Freeze(
    string RulesPath, string RulesSha256, string RulesVersion, string StaticSha256, string PlanSha256, string Command)
{
    public string ToText() =>
        $"command: {Command}\n"
        + $"rules: {RulesPath} (version {RulesVersion}) sha256 {RulesSha256}\n"
        + $"static baseline (derived): sha256 {StaticSha256}\n"
        + $"incident plan (plan.json): sha256 {PlanSha256}\n";
}
