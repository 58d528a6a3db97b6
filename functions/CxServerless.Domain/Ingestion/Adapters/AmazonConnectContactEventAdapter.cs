using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Amazon Connect contact events, delivered live through Amazon EventBridge (<c>source</c> <c>aws.connect</c>,
/// <c>detail-type</c> <c>Amazon Connect Contact Event</c>), or their <c>detail</c> object alone. <c>INITIATED</c> is
/// <see cref="CxEventType.ContactStarted"/>, <c>QUEUED</c> <see cref="CxEventType.ContactQueued"/>,
/// <c>CONNECTED_TO_AGENT</c> <see cref="CxEventType.ContactAnswered"/> (wait = connected to agent − enqueued),
/// <c>DISCONNECTED</c> <see cref="CxEventType.ContactEnded"/>, or <see cref="CxEventType.ContactAbandoned"/> when the
/// contact was queued and never reached an agent. Other event types and other EventBridge detail types are
/// <c>unsupported-type</c>; <c>TASK</c> contacts too, as for contact records. One contact, one event per type:
/// the de-dup id is <c>{contactId}/{eventType}</c>.
/// </summary>
public sealed class AmazonConnectContactEventAdapter : ISourceAdapter
{
    private const string DetailType = "Amazon Connect Contact Event";

    private static readonly Dictionary<string, CxChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VOICE"] = CxChannel.Voice,
        ["CHAT"] = CxChannel.Chat,
        ["EMAIL"] = CxChannel.Email,
    };

    /// <inheritdoc />
    public string Format => "amazon-connect-contact-event";

    /// <inheritdoc />
    public string SourceSystem => "amazon-connect";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["source", "contactId"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        (FieldReader.At(root, "source") is { ValueKind: JsonValueKind.String } source && source.ValueEquals("aws.connect") &&
         root.TryGetProperty("detail", out _)) ||
        (root.TryGetProperty("contactId", out _) && root.TryGetProperty("eventType", out _) &&
         root.TryGetProperty("initiationMethod", out _));

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var envelope = root.TryGetProperty("detail", out _) ? root : (JsonElement?)null;
        var r = new FieldReader(root);
        if (envelope is not null && r.Text("detail-type") is var detailType && detailType != DetailType)
        {
            return r.Problem ?? Rejection.Unsupported("Amazon Connect EventBridge", detailType);
        }

        if ((envelope is null ? root : r.At("detail")) is not { ValueKind: JsonValueKind.Object } d)
        {
            return new Rejection(QuarantineReason.MissingField, "detail is required");
        }

        var eventType = AdapterParts.Required(r, d, "eventType", "detail.eventType");
        var channelText = AdapterParts.Required(r, d, "channel", "detail.channel");
        if (r.Problem is { } early)
        {
            return early;
        }

        if (string.Equals(channelText, "TASK", StringComparison.OrdinalIgnoreCase))
        {
            return Rejection.Unsupported("Amazon Connect", "TASK", "contacts are back-office work, not customer contacts");
        }

        if (!Channels.TryGetValue(channelText, out var channel))
        {
            return new Rejection(QuarantineReason.InvalidField, "detail.channel has a value with no mapping");
        }

        var enqueued = Time(r, d, "queueInfo", "enqueueTimestamp");
        var connected = Time(r, d, "agentInfo", "connectedToAgentTimestamp");
        var disconnected = Time(r, d, "disconnectTimestamp");
        var initiated = Time(r, d, "initiationTimestamp");
        var abandoned = eventType == "DISCONNECTED" && connected is null && enqueued is not null;
        (CxEventType Type, DateTimeOffset? At)? mapped = eventType switch
        {
            "INITIATED" => (CxEventType.ContactStarted, initiated),
            "QUEUED" => (CxEventType.ContactQueued, enqueued),
            "CONNECTED_TO_AGENT" => (CxEventType.ContactAnswered, connected),
            "DISCONNECTED" => (abandoned ? CxEventType.ContactAbandoned : CxEventType.ContactEnded, disconnected),
            _ => null,
        };
        if (mapped is not { } m)
        {
            return Rejection.Unsupported("Amazon Connect contact event", eventType);
        }

        var time = envelope is not null ? r.Time("time") : null;
        var eventTime = AdapterParts.RequiredTime(r, m.At ?? time, "the event's timestamp");
        var contactId = AdapterParts.Required(r, d, "contactId", "detail.contactId");
        var instance = r.Text(d, "instanceArn");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = $"{contactId}/{eventType}",
            Type = m.Type,
            EventTime = eventTime,
            ConversationId = r.Text(d, "initialContactId") ?? contactId,
            Channel = channel,
            Queue = QueueOf(r.Text(d, "queueInfo", "queueArn")),
            Region = (envelope is not null ? r.Text("region") : null) ?? AdapterParts.RegionOf(instance, "connect"),
            AgentId = r.Text(d, "agentInfo", "agentArn"),
            Measures = new CxMeasures
            {
                WaitSeconds = m.Type is CxEventType.ContactAnswered or CxEventType.ContactAbandoned && enqueued is { } q
                    ? ((m.Type == CxEventType.ContactAnswered ? connected : disconnected) - q)?.TotalSeconds
                    : null,
            },
            Outcome = abandoned ? CxOutcome.Abandoned : null,
            OutcomeReason = r.Text(d, "disconnectReason"),
        });
    }

    private static DateTimeOffset? Time(FieldReader r, JsonElement d, params ReadOnlySpan<string> path) =>
        FieldReader.TryParseTime(r.Text(d, path), out var t) ? t : null;

    /// <summary>The queue id: the last segment of a queue ARN (<c>…/queue/{id}</c>).</summary>
    private static string? QueueOf(string? arn) =>
        arn is null ? null : arn.LastIndexOf('/') is var slash and >= 0 && slash < arn.Length - 1 ? arn[(slash + 1)..] : arn;
}
