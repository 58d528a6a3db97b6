namespace CxServerless.Domain.Analytics.Rules;

/// <summary>The outcome of parsing a rules file: the rule set, or every problem found.</summary>
/// <param name="RuleSet">The rule set, when there are no errors.</param>
/// <param name="Errors">The problems, each with the path of the bad field.</param>
public sealed record RuleSetParseResult(RuleSet? RuleSet, IReadOnlyList<RuleError> Errors)
{
    /// <summary>True when the file is valid.</summary>
    public bool IsValid => RuleSet is not null && Errors.Count == 0;
}
