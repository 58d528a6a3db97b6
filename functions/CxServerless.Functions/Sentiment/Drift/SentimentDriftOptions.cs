using System.Globalization;
using CxServerless.Domain.Sentiment.Drift;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>
/// The drift check's settings: the section <c>SentimentDrift</c> (<c>SentimentDrift__PsiWarn</c>, ...) and the table
/// <c>CxSentimentDriftTable</c>. Validated at start-up; a wrong value stops the handler naming the setting.
/// </summary>
public sealed class SentimentDriftOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SentimentDrift";

    /// <summary>The table's default name.</summary>
    public const string DefaultTableName = "SentimentDrift";

    /// <summary>Gets or sets the table of check history, baselines and daily histograms (setting <c>CxSentimentDriftTable</c>).</summary>
    public string Table { get; set; } = DefaultTableName;

    /// <summary>Gets or sets the population stability index at which a check warns (recorded, no alert).</summary>
    public double PsiWarn { get; set; } = 0.1;

    /// <summary>Gets or sets the population stability index at which a check raises an operations alert.</summary>
    public double PsiAlert { get; set; } = 0.25;

    /// <summary>Gets or sets the fall in accuracy on the sample, in percentage points, that raises an alert.</summary>
    public double AccuracyDropPoints { get; set; } = 5;

    /// <summary>Gets or sets the fall in one class's recall on the sample, in percentage points, that raises an alert.</summary>
    public double RecallDropPoints { get; set; } = 10;

    /// <summary>Gets or sets how many days before the checked day make the reference distribution.</summary>
    public int TrailingDays { get; set; } = 30;

    /// <summary>Gets or sets the fewest scores the checked day and the trailing days each need before PSI is computed.</summary>
    public int MinimumScores { get; set; } = 100;

    /// <summary>Gets the thresholds as the domain reads them.</summary>
    public DriftThresholds Thresholds => new(PsiWarn, PsiAlert, AccuracyDropPoints, RecallDropPoints);

    /// <summary>Returns every problem, naming the setting; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(Table, "^[A-Za-z][A-Za-z0-9]{2,62}$"))
        {
            problems.Add("Setting 'CxSentimentDriftTable' must be a valid table name.");
        }

        Check(problems, PsiWarn is > 0 and <= 10, nameof(PsiWarn), "must be above 0 and at most 10");
        Check(problems, PsiAlert >= PsiWarn && PsiAlert <= 10, nameof(PsiAlert), "must be at least PsiWarn and at most 10");
        Check(problems, AccuracyDropPoints is > 0 and <= 100, nameof(AccuracyDropPoints), "must be above 0 and at most 100");
        Check(problems, RecallDropPoints is > 0 and <= 100, nameof(RecallDropPoints), "must be above 0 and at most 100");
        Check(problems, TrailingDays is >= 1 and <= 90, nameof(TrailingDays), "must be 1 to 90");
        Check(problems, MinimumScores is >= 1 and <= 1_000_000, nameof(MinimumScores), "must be 1 to 1000000");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string name, string rule)
    {
        if (!ok)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Setting '{SectionName}__{name}' {rule}."));
        }
    }
}
