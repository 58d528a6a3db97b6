using System.Security.Cryptography;
using System.Text;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Sentiment;

/// <summary>
/// Which stored events the sentiment pipeline scores, and the key it stores each score under.
/// </summary>
/// <remarks>
/// An event is scored when it carries masked text and no sentiment of its own. A score the source already gave
/// (<see cref="CxScores.Sentiment"/>, for example Amazon Connect Contact Lens) is kept as is: ingestion's KPI buckets count
/// it, and scoring the text again would count the event twice.
/// </remarks>
public static class SentimentPipelineRules
{
    /// <summary>Whether <paramref name="cxEvent"/> goes to the sentiment queue: it has text and no source-given sentiment.</summary>
    /// <param name="cxEvent">A stored (masked) event.</param>
    /// <returns>True when the pipeline should score it.</returns>
    public static bool NeedsScoring(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        return cxEvent.Scores.Sentiment is null && !string.IsNullOrWhiteSpace(cxEvent.Text);
    }

    /// <summary>
    /// The key of an event's score: 32 hex characters of SHA-256 over the source system and the event id, the identity the
    /// events table de-duplicates on. Stable across redeliveries and safe as a table key whatever the id holds.
    /// </summary>
    /// <param name="sourceSystem">The event's source system.</param>
    /// <param name="eventId">The event's id.</param>
    /// <returns>The key.</returns>
    public static string EventKey(string sourceSystem, string eventId)
    {
        ArgumentNullException.ThrowIfNull(sourceSystem);
        ArgumentNullException.ThrowIfNull(eventId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceSystem + "\n" + eventId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
