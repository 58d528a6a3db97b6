namespace CxServerless.Domain.Analytics.Rules;

/// <summary>One problem in a rules file, at a JSON path such as <c>rules[3].alerting.k</c>.</summary>
/// <param name="Path">Where the bad field is.</param>
/// <param name="Message">What is wrong, phrased to follow the path (for example "must be ≤ n (5)").</param>
public sealed record RuleError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} {Message}";
}
