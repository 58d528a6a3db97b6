namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>One day's drift check, as stored (one row per checked day) and as <c>GET /api/ops/sentiment-drift</c> shows it.</summary>
/// <param name="Day">The UTC day whose scores were checked (the day before the run).</param>
/// <param name="CheckedAt">When the check ran.</param>
/// <param name="Status"><c>ok</c>, <c>warn</c> or <c>alert</c>.</param>
/// <param name="Reasons">Each threshold crossed, in words.</param>
/// <param name="Scorer">The chain's primary scorer: <c>azure-language</c> with an endpoint, else <c>local-lexicon</c>.</param>
/// <param name="ModelVersion">The model version the primary scorer reported; null when it answered no sentence.</param>
/// <param name="SampleSize">Sentences of the labelled sample scored.</param>
/// <param name="FallbackAnswers">Sentences another scorer than the primary answered (the chain fell back).</param>
/// <param name="Accuracy">The share of the sample labelled right.</param>
/// <param name="Recall">The recall of each class (<c>positive</c>, <c>negative</c>, <c>neutral</c>).</param>
/// <param name="Baseline">What the figures were compared with; null when there was no baseline yet.</param>
/// <param name="BaselineStarted">Whether this check stored a new baseline (a first run, or a new model version).</param>
/// <param name="Psi">The population stability index of the day's scores against the trailing days; null with too few scores.</param>
/// <param name="DayScores">Scores stored for the checked day.</param>
/// <param name="TrailingScores">Scores stored for the trailing days.</param>
/// <param name="AlertId">The operations alert this check raised, if any.</param>
public sealed record SentimentDriftRun(
    DateOnly Day,
    DateTimeOffset CheckedAt,
    string Status,
    IReadOnlyList<string> Reasons,
    string Scorer,
    string? ModelVersion,
    int SampleSize,
    int FallbackAnswers,
    double Accuracy,
    IReadOnlyDictionary<string, double> Recall,
    SentimentDriftBaseline? Baseline,
    bool BaselineStarted,
    double? Psi,
    long DayScores,
    long TrailingScores,
    string? AlertId)
{
    /// <summary>The run in one line for the log and the audit trail.</summary>
    /// <returns>The summary.</returns>
    public string Summary() => FormattableString.Invariant(
        $"{Day:yyyy-MM-dd} {Status}: accuracy {Accuracy:0.000} ({Scorer} {ModelVersion ?? "none"}, {FallbackAnswers} fallback), ")
        + (Psi is { } psi ? FormattableString.Invariant($"PSI {psi:0.000}") : "PSI n/a")
        + (BaselineStarted ? ", new baseline" : string.Empty) + (AlertId is null ? string.Empty : $", alert {AlertId}");
}

/// <summary>The accuracy of the sample that later checks compare with, one per scorer and model version.</summary>
/// <param name="Scorer">The scorer.</param>
/// <param name="ModelVersion">Its model version.</param>
/// <param name="SampleSize">Sentences scored.</param>
/// <param name="Accuracy">The share labelled right.</param>
/// <param name="Recall">The recall of each class.</param>
/// <param name="SetOn">The checked day of the run that stored it.</param>
public sealed record SentimentDriftBaseline(
    string Scorer, string ModelVersion, int SampleSize, double Accuracy, IReadOnlyDictionary<string, double> Recall, DateOnly SetOn);
