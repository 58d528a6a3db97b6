using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Domain.Events;
using CxServerless.Domain.Feedback;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// A message of the feedback queue: one stored event that may be customer feedback (a survey response, or an e-mail
/// with text), as <see cref="FeedbackSink"/> writes it. Carries the pseudonym and masked text only.
/// </summary>
/// <param name="EventId">The stored event's id: the key that makes a redelivery change nothing.</param>
/// <param name="CustomerKey">The customer's pseudonym.</param>
/// <param name="Type">The event type.</param>
/// <param name="Channel">The channel.</param>
/// <param name="EventTime">When the customer gave the feedback.</param>
/// <param name="Team">The team that owned the contact, when known.</param>
/// <param name="Queue">The queue of the contact, when known.</param>
/// <param name="Csat">CSAT 1–5.</param>
/// <param name="Nps">NPS 0–10.</param>
/// <param name="Ces">Canonical CES 1–7 (7 = very easy).</param>
/// <param name="Sentiment">The sentiment the source gave, when it gave one.</param>
/// <param name="Text">The masked text.</param>
public sealed record FeedbackCandidate(
    string EventId, string CustomerKey, CxEventType Type, CxChannel Channel, DateTimeOffset EventTime, string? Team, string? Queue,
    int? Csat, int? Nps, int? Ces, double? Sentiment, string? Text)
{
    /// <summary>The candidate of a stored event, or null when the event is not feedback from a known customer.</summary>
    /// <param name="e">The stored (masked, pseudonymised) event.</param>
    /// <returns>The candidate, or null.</returns>
    public static FeedbackCandidate? From(CxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var feedback = e.Type == CxEventType.SurveyResponse || (e.Channel == CxChannel.Email && !string.IsNullOrWhiteSpace(e.Text));
        if (!feedback || string.IsNullOrEmpty(e.CustomerKey))
        {
            return null;
        }

        return new FeedbackCandidate(
            e.EventId, e.CustomerKey, e.Type, e.Channel, e.EventTime, e.Team, e.Queue, e.Scores.Csat, e.Scores.Nps, e.Scores.Ces,
            e.Scores.Sentiment, e.Text);
    }

    /// <summary>The rules' view of it, with the sentiment scored meanwhile when the source gave none.</summary>
    /// <param name="sentiment">The sentiment to use.</param>
    /// <returns>The signal.</returns>
    public FeedbackSignal Signal(double? sentiment) => new(Type, Channel, Csat, Nps, Ces, sentiment, Text);

    /// <summary>Reads a message; null when it is not a candidate.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The candidate, or null.</returns>
    public static FeedbackCandidate? TryParse(string text)
    {
        try
        {
            var candidate = JsonSerializer.Deserialize(text, FeedbackJsonContext.Default.FeedbackCandidate);
            return candidate is { EventId.Length: > 0, CustomerKey.Length: > 0 } ? candidate : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the message.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, FeedbackJsonContext.Default.FeedbackCandidate);
}

/// <summary>Source-generated JSON for the feedback queue: camelCase, enums as names, no nulls.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(FeedbackCandidate))]
internal sealed partial class FeedbackJsonContext : JsonSerializerContext;
