using System.Globalization;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Scores one sentiment queue message: each event's text goes through the <see cref="SentimentChain"/> once (a score
/// stored by an earlier delivery is reused, never recomputed), the score is stored in SentimentScores, and the
/// <see cref="SentimentBucketWriter"/> adds it to the <c>AverageSentiment</c> buckets of the event's slices exactly once.
/// </summary>
/// <remarks>
/// Lateness follows the KPI buckets (docs/kpis.md): a score whose minute ends at or before the lowest watermark of the
/// source partitions is too late. The read side may already hold that minute as final, so the score is stored and
/// flagged <c>Late</c>, counted in <c>cx.sentiment.scores</c>, and left out of the buckets.
/// </remarks>
public sealed class SentimentScoring(
    SentimentChain chain,
    SentimentScoreStore scores,
    SentimentBucketWriter writer,
    MetricBucketStore buckets,
    RuleSet rules,
    TimeProvider time,
    IEnumerable<IScoredEventObserver>? observers = null)
{
    /// <summary>Test seam: runs after the scores are stored and before any bucket write (a throw there is a death).</summary>
    internal Func<Task>? AfterScoresStored { get; set; }

    /// <summary>Scores and counts the message's events.</summary>
    public async Task<SentimentScoringResult> ProcessAsync(SentimentQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await scores.EnsureCreatedAsync(cancellationToken);
        await buckets.EnsureCreatedAsync(cancellationToken);
        var items = message.Items
            .Select(i => new Keyed(i, SentimentPipelineRules.EventKey(i.Source, i.EventId), EventMinutes.MinuteOf(i.EventTime)))
            .DistinctBy(k => k.Key)
            .ToList();
        var rows = await StoreScoresAsync(items, cancellationToken);
        if (AfterScoresStored is { } hook)
        {
            await hook();
        }

        foreach (var observer in observers ?? [])
        {
            await observer.ScoredAsync(rows.ToDictionary(r => r.Key, r => r.Value.Score.Score, StringComparer.Ordinal), cancellationToken);
        }

        var watermark = await LowestWatermarkAsync(cancellationToken);
        var result = new SentimentScoringResult(0, 0, 0);
        foreach (var minute in items.GroupBy(k => k.Minute).OrderBy(g => g.Key))
        {
            var contributions = minute
                .Select(k => new SentimentContribution(k.Key, rows[k.Key].Score.Score, k.Item.Slices.Select(ParseSlice).ToList()))
                .ToList();
            var late = EventMinutes.EndOf(minute.Key) <= watermark;
            result = result.Add(await writer.ApplyAsync(minute.Key, contributions, late, cancellationToken));
        }

        SentimentMetrics.Record(result);
        return result;
    }

    private async Task<Dictionary<string, SentimentScoreRow>> StoreScoresAsync(
        IReadOnlyList<Keyed> items, CancellationToken cancellationToken)
    {
        var stored = await Task.WhenAll(items.Select(k => scores.ReadAsync(k.Minute, k.Key, cancellationToken)));
        var rows = new Dictionary<string, SentimentScoreRow>(StringComparer.Ordinal);
        var missing = new List<Keyed>();
        for (var i = 0; i < items.Count; i++)
        {
            if (stored[i] is { } row)
            {
                rows[items[i].Key] = row;
            }
            else
            {
                missing.Add(items[i]);
            }
        }

        if (missing.Count == 0)
        {
            return rows;
        }

        var documents = missing
            .Select((k, i) => new SentimentDocument(i.ToString(CultureInfo.InvariantCulture), k.Item.Text, null))
            .ToList();
        var scored = await chain.ScoreAsync(documents, cancellationToken);
        var now = time.GetUtcNow();
        var added = await Task.WhenAll(missing.Select((k, i) => scores.AddIfAbsentAsync(
            new SentimentScoreRow(
                k.Minute, k.Key, k.Item.EventId, k.Item.Source, k.Item.EventTime, scored[i].Score, scored[i].Fallback,
                k.Item.Truncated, now, Applied: false, Late: false),
            cancellationToken)));
        foreach (var row in added)
        {
            rows[row.Key] = row;
        }

        return rows;
    }

    private async Task<DateTimeOffset> LowestWatermarkAsync(CancellationToken cancellationToken)
    {
        var clocks = await buckets.ReadClocksAsync(cancellationToken);
        return clocks.Where(c => !c.Clock.IsEmpty)
            .Select(c => c.Clock.Watermark(rules.EventTime))
            .DefaultIfEmpty(DateTimeOffset.MinValue)
            .Min();
    }

    private static Slice ParseSlice(string text) =>
        Slice.TryParse(text, out var slice) ? slice : throw new FormatException($"'{text}' is not a slice."); // checked by TryParse

    private sealed record Keyed(SentimentQueueItem Item, string Key, long Minute);
}
