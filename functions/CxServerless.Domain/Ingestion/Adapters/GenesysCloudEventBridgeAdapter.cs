using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Genesys Cloud events through the Amazon EventBridge integration (<c>detail-type</c> the topic, <c>detail</c> with
/// <c>topicName</c> and <c>eventBody</c>; the bare <c>detail</c> is accepted too). Conversation detail events
/// (<c>v2.detail.events.conversation.{id}.*</c>) map by their topic's tail: <c>customer.start</c> →
/// <see cref="CxEventType.ContactStarted"/>, <c>acd.start</c> → <see cref="CxEventType.ContactQueued"/>,
/// <c>acd.end</c> → <see cref="CxEventType.ContactAnswered"/> or, when <c>acdOutcome</c> is <c>ABANDON</c>,
/// <see cref="CxEventType.ContactAbandoned"/> (wait = <c>durationMs</c>), <c>user.start</c> →
/// <see cref="CxEventType.ContactOffered"/>, <c>customer.end</c> → <see cref="CxEventType.ContactEnded"/> (talk =
/// <c>interactingDurationMs</c>), every other conversation topic (<c>user.end</c>, <c>acw</c>, <c>flow.*</c>,
/// <c>attributes</c>…) → <see cref="CxEventType.ContactUpdated"/> named by the tail. Other topics (presence, routing
/// status…) are <c>unsupported-type</c>.
/// </summary>
public sealed class GenesysCloudEventBridgeAdapter : ISourceAdapter
{
    private const string ConversationTopic = "v2.detail.events.conversation.";

    private static readonly Dictionary<string, CxChannel> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VOICE"] = CxChannel.Voice,
        ["CALLBACK"] = CxChannel.Voice,
        ["CHAT"] = CxChannel.Chat,
        ["EMAIL"] = CxChannel.Email,
        ["MESSAGE"] = CxChannel.Messaging,
        ["SMS"] = CxChannel.Messaging,
    };

    /// <inheritdoc />
    public string Format => "genesys-eventbridge";

    /// <inheritdoc />
    public string SourceSystem => "genesys-cloud";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["detail", "topicName"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) => Detail(root) is not null;

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        if (Detail(root) is not { } d)
        {
            return new Rejection(QuarantineReason.MissingField, "detail.topicName and detail.eventBody are required");
        }

        var r = new FieldReader(root);
        var topic = AdapterParts.Required(r, d, "topicName", "detail.topicName");
        if (r.Problem is { } early)
        {
            return early;
        }

        var tail = Tail(topic);
        if (tail is null)
        {
            return Rejection.Unsupported("Genesys Cloud", GenericTopic(topic));
        }

        if (FieldReader.At(d, "eventBody") is not { ValueKind: JsonValueKind.Object } body)
        {
            return new Rejection(QuarantineReason.MissingField, "detail.eventBody is required");
        }

        var outcome = r.Text(body, "acdOutcome");
        var abandoned = tail == "acd.end" && outcome?.StartsWith("ABANDON", StringComparison.OrdinalIgnoreCase) == true;
        var type = tail switch
        {
            "customer.start" => CxEventType.ContactStarted,
            "acd.start" => CxEventType.ContactQueued,
            "acd.end" => abandoned ? CxEventType.ContactAbandoned : CxEventType.ContactAnswered,
            "user.start" => CxEventType.ContactOffered,
            "customer.end" => CxEventType.ContactEnded,
            _ => CxEventType.ContactUpdated,
        };
        var time = Epoch(r, body, "eventTime") ?? r.Time("detail", "timestamp") ?? r.Time("timestamp") ?? r.Time("time");
        var eventTime = AdapterParts.RequiredTime(r, time, "detail.eventBody.eventTime");
        var conversation = AdapterParts.Required(r, body, "conversationId", "detail.eventBody.conversationId");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = r.Text("id") is { } id ? id : $"{conversation}/{tail}/{r.Text(body, "participantId")}/{r.Text(body, "eventTime")}",
            Type = type,
            EventTime = eventTime,
            ConversationId = conversation,
            Channel = r.Text(body, "mediaType") is { } media && MediaTypes.TryGetValue(media, out var channel) ? channel : null,
            Queue = r.Text(body, "queueId"),
            Region = r.Text("region"),
            AgentId = r.Text(body, "userId"),
            Customer = r.Text(body, "externalContactId") is { Length: > 0 } contact
                ? [new CustomerIdentifier(IdentifierKind.Account, contact)]
                : [],
            Measures = new CxMeasures
            {
                WaitSeconds = tail == "acd.end" ? r.Number(body, "durationMs") / 1000 : null,
                TalkSeconds = tail == "customer.end" ? r.Number(body, "interactingDurationMs") / 1000 : null,
                HoldSeconds = tail == "customer.end" ? r.Number(body, "heldDurationMs") / 1000 : null,
                AfterContactWorkSeconds = tail == "acw" ? r.Number(body, "wrapupDurationMs") / 1000 : null,
            },
            Outcome = abandoned ? CxOutcome.Abandoned : null,
            OutcomeReason = type == CxEventType.ContactUpdated ? tail : outcome ?? r.Text(body, "disconnectType"),
        });
    }

    /// <summary>The tail of a conversation detail topic (<c>customer.start</c>), or null for other topics.</summary>
    private static string? Tail(string topic)
    {
        if (!topic.StartsWith(ConversationTopic, StringComparison.Ordinal))
        {
            return null;
        }

        var dot = topic.IndexOf('.', ConversationTopic.Length);
        return dot > ConversationTopic.Length && dot < topic.Length - 1 ? topic[(dot + 1)..] : null;
    }

    /// <summary>A topic with its ids replaced by <c>{id}</c> (ids are GUIDs), so the quarantine detail names the kind only.</summary>
    private static string GenericTopic(string topic) =>
        string.Join('.', topic.Split('.').Select(part => Guid.TryParse(part, out _) ? "{id}" : part));

    private static DateTimeOffset? Epoch(FieldReader r, JsonElement body, string name) =>
        FieldReader.At(body, name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var ms) &&
        ms is > 0 and < 253_402_300_799_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : r.Time("detail", "eventBody", name);

    private static JsonElement? Detail(JsonElement root)
    {
        var detail = FieldReader.At(root, "detail") is { ValueKind: JsonValueKind.Object } wrapped ? wrapped : root;
        return detail.TryGetProperty("topicName", out var topic) && topic.ValueKind == JsonValueKind.String &&
            detail.TryGetProperty("eventBody", out _)
            ? detail
            : null;
    }
}
