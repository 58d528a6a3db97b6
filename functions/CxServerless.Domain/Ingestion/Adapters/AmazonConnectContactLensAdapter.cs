using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Amazon Connect Contact Lens real-time contact analysis segments (the Kinesis segment stream, <c>EventType</c>
/// <c>SEGMENTS</c>). Each <c>Transcript</c> segment is one <see cref="CxEventType.MessagePosted"/> with its text (masked)
/// and its sentiment kept as <see cref="CxScores.Sentiment"/> (POSITIVE +1, NEUTRAL and MIXED 0, NEGATIVE −1) for the
/// sentiment KPI. Partial <c>Utterance</c> segments repeat what the transcript holds, and <c>Categories</c> carry no
/// words, so they add no event; a SEGMENTS event with no transcript, and <c>STARTED</c>, <c>COMPLETED</c> and
/// <c>FAILED</c>, are <c>unsupported-type</c>. The stream carries no wall-clock time: the event time is the ingest time.
/// </summary>
public sealed class AmazonConnectContactLensAdapter : IMultiEventSourceAdapter
{
    private static readonly Dictionary<string, double> Sentiments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POSITIVE"] = 1,
        ["NEUTRAL"] = 0,
        ["MIXED"] = 0,
        ["NEGATIVE"] = -1,
    };

    private static readonly Dictionary<string, CxChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VOICE"] = CxChannel.Voice,
        ["CHAT"] = CxChannel.Chat,
    };

    /// <inheritdoc />
    public string Format => "amazon-connect-contact-lens";

    /// <inheritdoc />
    public string SourceSystem => "amazon-connect";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["ContactId"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        root.TryGetProperty("ContactId", out _) && root.TryGetProperty("EventType", out _) && root.TryGetProperty("InstanceId", out _) &&
        !root.TryGetProperty("AgentARN", out _);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) => AdaptAll(root)[0];

    /// <inheritdoc />
    public IReadOnlyList<AdapterResult> AdaptAll(JsonElement root)
    {
        var r = new FieldReader(root);
        var eventType = r.Required("EventType");
        var contactId = r.Required("ContactId");
        if (r.Problem is { } problem)
        {
            return [problem];
        }

        if (eventType != "SEGMENTS")
        {
            return [Rejection.Unsupported("Amazon Connect Contact Lens", eventType)];
        }

        if (r.At("Segments") is not { ValueKind: JsonValueKind.Array } segments)
        {
            return [new Rejection(QuarantineReason.MissingField, "Segments is required")];
        }

        var channel = r.Text("Channel") is { } c && Channels.TryGetValue(c, out var known) ? known : (CxChannel?)null;
        var results = new List<AdapterResult>();
        foreach (var segment in segments.EnumerateArray())
        {
            if (FieldReader.At(segment, "Transcript") is { ValueKind: JsonValueKind.Object } transcript)
            {
                results.Add(Transcript(transcript, contactId, channel));
            }
        }

        return results.Count > 0
            ? results
            : [Rejection.Unsupported("Amazon Connect Contact Lens", "SEGMENTS", "without a transcript add no event")];
    }

    private static AdapterResult Transcript(JsonElement t, string contactId, CxChannel? channel)
    {
        var r = new FieldReader(t);
        var sentiment = r.Text("Sentiment");
        var begin = r.Number("BeginOffsetMillis");
        var role = r.Text("ParticipantRole");
        return AdapterResult.From(r, () => new SourceEvent
        {
            // Transcript ids are unique per contact; the offset and role keep AWS's placeholder sample apart too.
            EventId = $"{contactId}/{r.Required("Id")}/{role}/{begin}",
            Type = CxEventType.MessagePosted,
            EventTime = default,
            EventTimeIsIngestTime = true,
            ConversationId = contactId,
            Channel = channel,
            Scores = new CxScores { Sentiment = sentiment is not null && Sentiments.TryGetValue(sentiment, out var s) ? s : null },
            Text = r.Text("Content"),
        });
    }
}
