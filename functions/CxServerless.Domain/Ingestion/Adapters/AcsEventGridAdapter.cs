using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Azure Communication Services events in the Event Grid schema or the CloudEvents 1.0 schema (<c>type</c>, <c>time</c>,
/// <c>specversion</c>): calls (started, ended), chat messages and the whole Job Router lifecycle. Each mapped event type
/// has one small mapping in <see cref="Mappings"/>; Job Router job events without one are
/// <see cref="CxEventType.ContactUpdated"/> named by the step; the others (worker registration…) are
/// <c>unsupported-type</c>.
/// </summary>
public sealed class AcsEventGridAdapter : ISourceAdapter
{
    private const string Prefix = "Microsoft.Communication.";

    private static readonly Dictionary<string, Func<FieldReader, JsonElement, SourceEvent>> Mappings = new(StringComparer.Ordinal)
    {
        [Prefix + "CallStarted"] = (r, d) => Call(r, d, CxEventType.ContactStarted),
        [Prefix + "CallEnded"] = (r, d) => Call(r, d, CxEventType.ContactEnded) with
        {
            Measures = new CxMeasures { TalkSeconds = r.Number(d, "durationOfCall") },
        },
        [Prefix + "ChatMessageReceived"] = ChatMessage,
        [Prefix + "ChatMessageReceivedInThread"] = ChatMessage,
        [Prefix + "RouterJobReceived"] = (r, d) => Job(r, d, CxEventType.ContactStarted),
        [Prefix + "RouterJobClassified"] = (r, d) => Step(r, d, "classified"),
        [Prefix + "RouterJobQueued"] = (r, d) => Job(r, d, CxEventType.ContactQueued),
        [Prefix + "RouterWorkerOfferIssued"] = (r, d) => Job(r, d, CxEventType.ContactOffered) with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterWorkerOfferAccepted"] = (r, d) => Job(r, d, CxEventType.ContactAnswered) with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterWorkerOfferDeclined"] = (r, d) => Step(r, d, "offer-declined") with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterWorkerOfferRevoked"] = (r, d) => Step(r, d, "offer-revoked") with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterWorkerOfferExpired"] = (r, d) => Step(r, d, "offer-expired") with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterJobCompleted"] = (r, d) => Job(r, d, CxEventType.ContactEnded) with { AgentId = r.Text(d, "workerId") },
        [Prefix + "RouterJobClosed"] = (r, d) => Step(r, d, "closed") with
        {
            AgentId = r.Text(d, "workerId"),
            OutcomeReason = r.Text(d, "dispositionCode") is { Length: > 0 } code ? $"closed:{code}" : "closed",
        },
        [Prefix + "RouterJobCancelled"] = (r, d) => Job(r, d, CxEventType.ContactAbandoned) with
        {
            Outcome = CxOutcome.Abandoned,
            OutcomeReason = r.Text(d, "dispositionCode"),
            Text = r.Text(d, "note"),
        },
        [Prefix + "RouterJobExceptionTriggered"] = (r, d) => Step(r, d, "exception") with
        {
            OutcomeReason = r.Text(d, "ruleKey") is { Length: > 0 } rule ? $"exception:{rule}" : "exception",
        },
    };

    private static readonly (string Keyword, CxChannel Channel)[] ChannelKeywords =
    [
        ("voice", CxChannel.Voice), ("call", CxChannel.Voice), ("phone", CxChannel.Voice), ("chat", CxChannel.Chat),
        ("email", CxChannel.Email), ("mail", CxChannel.Email), ("sms", CxChannel.Messaging), ("whatsapp", CxChannel.Messaging),
        ("messag", CxChannel.Messaging), ("bot", CxChannel.Chatbot),
    ];

    /// <inheritdoc />
    public string Format => "acs-eventgrid";

    /// <inheritdoc />
    public string SourceSystem => "azure-communication-services";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["eventType", "specversion"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) => AzureEventGridAdapter.TypeOf(root) is { } type &&
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(type).StartsWith("\"Microsoft.Communication."u8);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var r = new FieldReader(root);
        var cloudEvent = root.TryGetProperty("specversion", out _);
        var eventType = cloudEvent ? r.Required("type") : r.Required("eventType");
        if (r.Problem is null && !Mappings.ContainsKey(eventType))
        {
            return eventType.StartsWith(Prefix + "RouterJob", StringComparison.Ordinal)
                ? Lifecycle(r, root, eventType, cloudEvent)
                : Rejection.Unsupported("Communication Services", eventType, "has no mapping");
        }

        if (r.At("data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return r.Problem ?? new Rejection(QuarantineReason.MissingField, "data is required");
        }

        var id = r.Required("id");
        var time = r.RequiredTime(cloudEvent ? "time" : "eventTime");
        return AdapterResult.From(r, () =>
        {
            var mapped = Mappings[eventType](r, data);
            return mapped with
            {
                EventId = mapped.EventId ?? $"{eventType[Prefix.Length..]}/{id}",
                EventTime = mapped.EventTime == default ? time : mapped.EventTime,
            };
        });
    }

    /// <summary>A Job Router job event without its own mapping (unassigned, classification failed…): a lifecycle step.</summary>
    private static AdapterResult Lifecycle(FieldReader r, JsonElement root, string eventType, bool cloudEvent)
    {
        if (r.At("data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return new Rejection(QuarantineReason.MissingField, "data is required");
        }

        var id = r.Required("id");
        var time = r.RequiredTime(cloudEvent ? "time" : "eventTime");
        var step = eventType[(Prefix.Length + "RouterJob".Length)..];
        return AdapterResult.From(r, () => Step(r, data, step) with { EventId = $"{eventType[Prefix.Length..]}/{id}", EventTime = time });
    }

    private static SourceEvent Step(FieldReader r, JsonElement data, string step) =>
        Job(r, data, CxEventType.ContactUpdated) with { OutcomeReason = step };

    private static SourceEvent Call(FieldReader r, JsonElement data, CxEventType type) => new()
    {
        Type = type,
        EventTime = default,
        ConversationId = Required(r, data, "serverCallId"),
        Channel = CxChannel.Voice,
        Customer = Account(r.Text(data, "startedBy", "rawId")),
    };

    private static SourceEvent ChatMessage(FieldReader r, JsonElement data)
    {
        var thread = Required(r, data, "threadId");
        return new SourceEvent
        {
            // A message reaches every participant as its own event; the thread and message id identify the message once.
            EventId = $"{thread}/{Required(r, data, "messageId")}",
            Type = CxEventType.MessagePosted,
            EventTime = r.Time("data", "composeTime") ?? default,
            ConversationId = thread,
            Channel = CxChannel.Chat,
            Customer = Account(r.Text(data, "senderCommunicationIdentifier", "rawId") ?? r.Text(data, "senderId")),
            Text = r.Text(data, "messageBody"),
        };
    }

    private static SourceEvent Job(FieldReader r, JsonElement data, CxEventType type) => new()
    {
        Type = type,
        EventTime = default,
        ConversationId = Required(r, data, "jobId"),
        Channel = ChannelOf(r.Text(data, "channelId")),
        Queue = r.Text(data, "queueId") is { Length: > 0 } queue ? queue : null,
    };

    private static string Required(FieldReader r, JsonElement data, string name)
    {
        var value = r.Text(data, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            r.Fail(QuarantineReason.MissingField, $"data.{name} is required");
            return string.Empty;
        }

        return value;
    }

    private static List<CustomerIdentifier> Account(string? rawId) =>
        string.IsNullOrWhiteSpace(rawId) ? [] : [new CustomerIdentifier(IdentifierKind.Account, rawId)];

    /// <summary>Job Router channel ids are chosen by the customer; the channel is recognised by keyword or left to cx-channel.</summary>
    private static CxChannel? ChannelOf(string? channelId)
    {
        foreach (var (keyword, channel) in ChannelKeywords)
        {
            if (channelId?.Contains(keyword, StringComparison.OrdinalIgnoreCase) == true)
            {
                return channel;
            }
        }

        return null;
    }
}
