using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>The answer of <c>GET /api/ops/sentiment-drift</c>: the thresholds in force and the checks of the range, newest first.</summary>
/// <param name="From">The first day of the range.</param>
/// <param name="To">The last day of the range.</param>
/// <param name="Thresholds">The thresholds in force.</param>
/// <param name="Runs">One check per day that was checked.</param>
public sealed record SentimentDriftResponse(
    DateOnly From, DateOnly To, SentimentDriftThresholdsView Thresholds, IReadOnlyList<SentimentDriftRun> Runs);

/// <summary>The thresholds in force.</summary>
/// <param name="PsiWarn">PSI that warns.</param>
/// <param name="PsiAlert">PSI that raises an alert.</param>
/// <param name="AccuracyDropPoints">Accuracy fall, in points, that raises an alert.</param>
/// <param name="RecallDropPoints">Recall fall of a class, in points, that raises an alert.</param>
/// <param name="TrailingDays">Days of the reference distribution.</param>
/// <param name="MinimumScores">Fewest scores on each side for PSI.</param>
public sealed record SentimentDriftThresholdsView(
    double PsiWarn, double PsiAlert, double AccuracyDropPoints, double RecallDropPoints, int TrailingDays, int MinimumScores);

/// <summary>Source-generated JSON for the drift check's rows and API: camelCase, nulls written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SentimentDriftResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(SentimentDriftBaseline))]
internal sealed partial class SentimentDriftJsonContext : JsonSerializerContext;
