using System.Diagnostics.Metrics;
using CxServerless.Functions.Telemetry;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// The sentiment pipeline's metrics (the chain's own, <c>cx.sentiment.documents</c>, lives in <see cref="SentimentChain"/>).
/// </summary>
public static class SentimentMetrics
{
    private static readonly Counter<long> Queued = CxTelemetry.Meter.CreateCounter<long>(
        "cx.sentiment.enqueued", unit: "{event}", description: "Stored events put on the sentiment queue (redeliveries included).");

    private static readonly Counter<long> Outcomes = CxTelemetry.Meter.CreateCounter<long>(
        "cx.sentiment.scores",
        unit: "{event}",
        description: "Scored events by outcome: applied (added to AverageSentiment), late (its minute was final), "
            + "already (counted before).");

    /// <summary>Records events put on the queue.</summary>
    public static void Enqueued(int count) => Queued.Add(count);

    /// <summary>Records what one message did.</summary>
    public static void Record(SentimentScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Outcomes.Add(result.Applied, new KeyValuePair<string, object?>("outcome", "applied"));
        Outcomes.Add(result.Late, new KeyValuePair<string, object?>("outcome", "late"));
        Outcomes.Add(result.Already, new KeyValuePair<string, object?>("outcome", "already"));
    }
}
