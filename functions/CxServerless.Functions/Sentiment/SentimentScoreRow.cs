using Azure.Data.Tables;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// One event's stored score in the SentimentScores table: PartitionKey the event minute (<c>m{minute:D12}</c>, as in
/// MetricBuckets, so retention is a key range), RowKey the event key (<see cref="SentimentPipelineRules.EventKey"/>). It
/// holds the score, never the text.
/// </summary>
/// <param name="Minute">The event minute (the interval (m − 1 min, m min]).</param>
/// <param name="Key">The event key.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Source">The event's source system.</param>
/// <param name="EventTime">The event time.</param>
/// <param name="Score">The score with its label, confidences, scorer and model version.</param>
/// <param name="Fallback">Why the local scorer answered instead of Language (null when Language did).</param>
/// <param name="Truncated">Whether only the start of a long text was scored.</param>
/// <param name="ScoredAt">When it was scored.</param>
/// <param name="Applied">Whether its contribution to the AverageSentiment buckets is confirmed.</param>
/// <param name="Late">Whether it arrived after its minute was final, so the buckets do not hold it.</param>
public sealed record SentimentScoreRow(
    long Minute,
    string Key,
    string EventId,
    string Source,
    DateTimeOffset EventTime,
    SentimentScore Score,
    string? Fallback,
    bool Truncated,
    DateTimeOffset ScoredAt,
    bool Applied,
    bool Late)
{
    /// <summary>The row as stored.</summary>
    public TableEntity ToEntity() => new(MetricBucketStore.MinuteKey(Minute), Key)
    {
        ["EventId"] = EventId,
        ["Source"] = Source,
        ["EventTime"] = EventTime,
        ["Score"] = Score.Score,
        ["Label"] = Score.Label.ToString().ToLowerInvariant(),
        ["Positive"] = Score.Confidence.Positive,
        ["Neutral"] = Score.Confidence.Neutral,
        ["Negative"] = Score.Confidence.Negative,
        ["Scorer"] = Score.Scorer,
        ["ModelVersion"] = Score.ModelVersion,
        ["Fallback"] = Fallback,
        ["Truncated"] = Truncated,
        ["ScoredAt"] = ScoredAt,
        ["Applied"] = Applied,
        ["Late"] = Late,
    };

    /// <summary>Reads a stored row.</summary>
    public static SentimentScoreRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var minute = long.Parse(entity.PartitionKey.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        var score = new SentimentScore(
            Enum.Parse<SentimentLabel>(entity.GetString("Label") ?? nameof(SentimentLabel.Neutral), ignoreCase: true),
            new SentimentConfidence(entity.GetDouble("Positive") ?? 0, entity.GetDouble("Neutral") ?? 0, entity.GetDouble("Negative") ?? 0),
            entity.GetDouble("Score") ?? 0,
            entity.GetString("Scorer") ?? string.Empty,
            entity.GetString("ModelVersion") ?? string.Empty);
        return new SentimentScoreRow(
            minute,
            entity.RowKey,
            entity.GetString("EventId") ?? string.Empty,
            entity.GetString("Source") ?? string.Empty,
            entity.GetDateTimeOffset("EventTime") ?? default,
            score,
            entity.GetString("Fallback"),
            entity.GetBoolean("Truncated") ?? false,
            entity.GetDateTimeOffset("ScoredAt") ?? default,
            entity.GetBoolean("Applied") ?? false,
            entity.GetBoolean("Late") ?? false);
    }
}
