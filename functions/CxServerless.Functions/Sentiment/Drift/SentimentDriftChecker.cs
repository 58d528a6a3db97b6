using System.Globalization;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Sentiment;
using CxServerless.Domain.Sentiment.Drift;
using CxServerless.Functions.Alerts;
using CxServerless.Functions.Analytics;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>
/// One drift check of the day before today (UTC): scores the labelled <see cref="DriftSample"/> through the live
/// <see cref="SentimentChain"/> and compares accuracy and per-class recall with the baseline of the chain's primary scorer
/// and model version; compares the day's score distribution with the trailing days' (population stability index, from
/// daily histograms of SentimentScores); beyond the thresholds it raises an operations alert; it stores one history row
/// for the day.
/// </summary>
/// <remarks>
/// Idempotent per day: a day with a history row is not checked again, the alert's id is derived from the day, and every
/// write is insert-if-absent, so a second run, or two instances at once, store one row and raise one alert.
/// </remarks>
public sealed partial class SentimentDriftChecker(
    SentimentChain chain,
    SentimentScoreStore scores,
    SentimentDriftStore store,
    AlertStore alerts,
    IOptions<SentimentOptions> sentiment,
    IOptions<SentimentDriftOptions> options,
    TimeProvider time,
    ILogger<SentimentDriftChecker> logger)
{
    /// <summary>The prefix of the drift check's alert ids (<c>ops-sentiment-drift-yyyyMMdd</c>).</summary>
    public const string AlertPrefix = "ops-sentiment-drift-";

    /// <summary>Who the alert names as its declarer.</summary>
    public const string AlertOpenedBy = "system:SentimentDriftCheck";

    /// <summary>Checks the day before today, unless it was checked.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The day's check and whether this run made it (false: it was there already).</returns>
    public async Task<(SentimentDriftRun Run, bool Checked)> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        await store.EnsureCreatedAsync(cancellationToken);
        if (await store.GetRunAsync(day, cancellationToken) is { } done)
        {
            return (done, false);
        }

        var settings = options.Value;
        var sample = await ScoreSampleAsync(cancellationToken);
        var (baseline, started) = await BaselineAsync(sample, day, cancellationToken);
        var (dayHistogram, trailing) = await HistogramsAsync(day, settings.TrailingDays, cancellationToken);
        var psi = dayHistogram.Total >= settings.MinimumScores && trailing.Total >= settings.MinimumScores
            ? PopulationStability.Index(trailing, dayHistogram)
            : null;
        var compared = started ? null : baseline;
        var verdict = DriftAssessment.Judge(sample.Accuracy, compared is null ? null : Measure(compared), psi, settings.Thresholds);
        var alertId = verdict.Status == DriftAssessment.Alert ? await RaiseAsync(day, verdict, now, cancellationToken) : null;
        var run = new SentimentDriftRun(
            day, now, verdict.Status, verdict.Reasons, sample.Scorer, sample.ModelVersion, sample.Accuracy.Count, sample.Fallbacks,
            sample.Accuracy.Accuracy, Names(sample.Accuracy.Recall), baseline, started, psi, dayHistogram.Total, trailing.Total, alertId);
        var (stored, added) = await store.AddRunAsync(run, cancellationToken);
        LogChecked(logger, stored.Summary());
        return (stored, added);
    }

    private async Task<ScoredSample> ScoreSampleAsync(CancellationToken cancellationToken)
    {
        var sentences = DriftSample.All;
        var documents = sentences
            .Select((s, i) => new SentimentDocument(i.ToString(CultureInfo.InvariantCulture), s.Text, "en"))
            .ToList();
        var scored = await chain.ScoreAsync(documents, cancellationToken);
        var primary = sentiment.Value.LanguageConfigured ? LanguageClient.ScorerName : LexiconSentimentScorer.Name;
        var byPrimary = scored.Where(s => s.Score.Scorer == primary).ToList();
        var model = byPrimary
            .GroupBy(s => s.Score.ModelVersion, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
        var accuracy = LabelledAccuracy.Measure(sentences.Select((s, i) => (s.Expected, scored[i].Score.Label)).ToList());
        return new ScoredSample(primary, model, scored.Count - byPrimary.Count, accuracy);
    }

    /// <summary>
    /// The baseline to compare with. The primary scorer's model version has one: that one. It has none and the primary
    /// answered every sentence: this run's figures become it (a first run, or a new model version starts a new baseline
    /// instead of raising drift). Otherwise (the chain fell back): the primary scorer's latest baseline, never stored
    /// from a degraded run.
    /// </summary>
    private async Task<(SentimentDriftBaseline? Baseline, bool Started)> BaselineAsync(
        ScoredSample sample, DateOnly day, CancellationToken cancellationToken)
    {
        if (sample.ModelVersion is { } model && await store.GetBaselineAsync(sample.Scorer, model, cancellationToken) is { } stored)
        {
            return (stored, false);
        }

        if (sample.ModelVersion is { } version && sample.Fallbacks == 0)
        {
            var baseline = new SentimentDriftBaseline(
                sample.Scorer, version, sample.Accuracy.Count, sample.Accuracy.Accuracy, Names(sample.Accuracy.Recall), day);
            return (await store.AddBaselineAsync(baseline, cancellationToken), true);
        }

        return (await store.LatestBaselineAsync(sample.Scorer, cancellationToken), false);
    }

    /// <summary>
    /// The checked day's histogram and the sum of the trailing days'. A day's histogram is read once from SentimentScores
    /// (one key-range query over its minute partitions) and stored; later checks read the stored rows.
    /// </summary>
    private async Task<(ScoreHistogram Day, ScoreHistogram Trailing)> HistogramsAsync(
        DateOnly day, int trailingDays, CancellationToken cancellationToken)
    {
        var first = day.AddDays(-trailingDays);
        var stored = await store.HistogramsAsync(first, day, cancellationToken);
        var histograms = new List<ScoreHistogram>();
        for (var d = first; d <= day; d = d.AddDays(1))
        {
            if (!stored.TryGetValue(d, out var histogram))
            {
                histogram = await ReadDayAsync(d, cancellationToken);
                await store.AddHistogramAsync(d, histogram, cancellationToken);
            }

            histograms.Add(histogram);
        }

        return (histograms[^1], ScoreHistogram.Sum(histograms.Take(histograms.Count - 1)));
    }

    /// <summary>A day's scores: the minutes ending in (00:00, 24:00] UTC, as the event minutes name them.</summary>
    private async Task<ScoreHistogram> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var firstMinute = EventMinutes.MinuteOf(start) + 1;
        var lastMinute = EventMinutes.MinuteOf(start.AddDays(1));
        var values = new List<double>();
        await foreach (var score in scores.ScoresAsync(firstMinute, lastMinute, cancellationToken))
        {
            values.Add(score);
        }

        return ScoreHistogram.Of(values);
    }

    /// <summary>
    /// Raises the day's operations alert, unless an earlier drift alert is still open (then the day names that one):
    /// drift that lasts is one alert until someone resolves it.
    /// </summary>
    private async Task<string> RaiseAsync(DateOnly day, DriftAssessment verdict, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = AlertPrefix + SentimentDriftStore.DayKey(day);
        var open = (await alerts.ListManualAsync(cancellationToken, fresh: true))
            .FirstOrDefault(a => a.Status == AlertStatus.Open && a.Id.StartsWith(AlertPrefix, StringComparison.Ordinal) && a.Id != id);
        if (open is not null)
        {
            return open.Id;
        }

        var summary = $"Sentiment drift on {day:yyyy-MM-dd}: {string.Join("; ", verdict.Reasons)}";
        if (summary.Length > AlertCreateFunction.MaxSummaryLength)
        {
            summary = summary[..(AlertCreateFunction.MaxSummaryLength - 1)] + "…";
        }

        var alert = new ManualAlert(id, summary, AlertSeverity.Warning, "medium", null, null, "all", AlertStatus.Open, now, AlertOpenedBy);
        await alerts.RaiseOnceAsync(alert, cancellationToken);
        return id;
    }

    private static Dictionary<string, double> Names(IReadOnlyDictionary<SentimentLabel, double> recall) =>
        recall.ToDictionary(r => r.Key.ToString().ToLowerInvariant(), r => r.Value, StringComparer.Ordinal);

    private static LabelledAccuracy Measure(SentimentDriftBaseline baseline) => new(
        baseline.SampleSize,
        baseline.Accuracy,
        baseline.Recall.ToDictionary(r => Enum.Parse<SentimentLabel>(r.Key, ignoreCase: true), r => r.Value));

    [LoggerMessage(EventId = 4620, Level = LogLevel.Information, Message = "Sentiment drift check: {Summary}")]
    private static partial void LogChecked(ILogger logger, string summary);

    private sealed record ScoredSample(string Scorer, string? ModelVersion, int Fallbacks, LabelledAccuracy Accuracy);
}
