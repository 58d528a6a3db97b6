using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Twilio TaskRouter events: Event resources as the Events API returns them (snake_case, <c>event_data</c>), a page of
/// them (<c>events</c> array, one event each), and event callbacks (the webhook's form fields, PascalCase, forwarded as
/// a JSON object). A task is a contact: <c>task.created</c> → <see cref="CxEventType.ContactStarted"/>,
/// <c>task-queue.entered</c> → <see cref="CxEventType.ContactQueued"/>, <c>reservation.created</c> →
/// <see cref="CxEventType.ContactOffered"/>, <c>reservation.accepted</c> → <see cref="CxEventType.ContactAnswered"/>
/// (wait = <c>task_age</c>), <c>task.completed</c> → <see cref="CxEventType.ContactEnded"/>, <c>task.canceled</c> →
/// <see cref="CxEventType.ContactAbandoned"/>; any other event about a task is <see cref="CxEventType.ContactUpdated"/>
/// named by its type. Events without a task (worker activity, workflow and workspace changes) are
/// <c>unsupported-type</c>. Worker names are never read; the customer is the task attributes' <c>from</c> (phone or
/// e-mail), when the JSON-in-a-string attributes carry one.
/// </summary>
public sealed class TwilioTaskRouterAdapter : IMultiEventSourceAdapter
{
    private static readonly Dictionary<string, CxChannel> TaskChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["voice"] = CxChannel.Voice,
        ["chat"] = CxChannel.Chat,
        ["sms"] = CxChannel.Messaging,
        ["whatsapp"] = CxChannel.Messaging,
        ["email"] = CxChannel.Email,
    };

    /// <inheritdoc />
    public string Format => "twilio-taskrouter";

    /// <inheritdoc />
    public string SourceSystem => "twilio";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["event_type", "EventType", "events"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        IsResource(root) || IsCallback(root) ||
        (FieldReader.At(root, "events") is { ValueKind: JsonValueKind.Array } &&
         FieldReader.At(root, "meta", "key") is { ValueKind: JsonValueKind.String } key && key.ValueEquals("events"));

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) => IsCallback(root) ? Callback(root) : Resource(root);

    /// <inheritdoc />
    public IReadOnlyList<AdapterResult> AdaptAll(JsonElement root) =>
        FieldReader.At(root, "events") is { ValueKind: JsonValueKind.Array } events ? AdapterParts.Each(events, Resource) : [Adapt(root)];

    private static bool IsResource(JsonElement root) =>
        root.TryGetProperty("event_type", out _) && root.TryGetProperty("event_data", out _) && root.TryGetProperty("sid", out _);

    private static bool IsCallback(JsonElement root) =>
        root.TryGetProperty("EventType", out _) && root.TryGetProperty("WorkspaceSid", out _) && root.TryGetProperty("Sid", out _);

    private static AdapterResult Resource(JsonElement e)
    {
        var r = new FieldReader(e);
        if (r.At("event_data") is not { ValueKind: JsonValueKind.Object } data)
        {
            return new Rejection(QuarantineReason.MissingField, "event_data is required");
        }

        var type = r.Required("event_type");
        return Map(r, type, new Fields(
            r.Text("sid"), r.Time("event_date"), r.Text(data, "task_sid"), r.Text(data, "task_queue_sid"), r.Text(data, "worker_sid"),
            r.Text(data, "task_channel_unique_name"), r.Number(data, "task_age"), r.Text(data, "task_attributes"),
            r.Text(data, "task_canceled_reason") ?? r.Text(data, "task_completed_reason")));
    }

    private static AdapterResult Callback(JsonElement e)
    {
        var r = new FieldReader(e);
        var type = r.Required("EventType");
        return Map(r, type, new Fields(
            r.Text("Sid"), AdapterParts.SecondsOrIso(r, e, "Timestamp"), r.Text("TaskSid"), r.Text("TaskQueueSid"), r.Text("WorkerSid"),
            r.Text("TaskChannelUniqueName"), r.Number("TaskAge"), r.Text("TaskAttributes"),
            r.Text("TaskCanceledReason") ?? r.Text("TaskCompletedReason")));
    }

    private sealed record Fields(
        string? Sid, DateTimeOffset? Time, string? Task, string? Queue, string? Worker, string? TaskChannel, double? TaskAge,
        string? Attributes, string? Reason);

    private static AdapterResult Map(FieldReader r, string type, Fields f)
    {
        if (r.Problem is { } early)
        {
            return early;
        }

        if (string.IsNullOrWhiteSpace(f.Task))
        {
            return Rejection.Unsupported("Twilio TaskRouter", type, "is not about a task");
        }

        var (cxType, outcome) = type switch
        {
            "task.created" => (CxEventType.ContactStarted, (CxOutcome?)null),
            "task-queue.entered" => (CxEventType.ContactQueued, null),
            "reservation.created" => (CxEventType.ContactOffered, null),
            "reservation.accepted" => (CxEventType.ContactAnswered, null),
            "task.completed" => (CxEventType.ContactEnded, null),
            "task.canceled" => (CxEventType.ContactAbandoned, CxOutcome.Abandoned),
            _ => (CxEventType.ContactUpdated, null),
        };
        var time = AdapterParts.RequiredTime(r, f.Time, "the event's date");
        var sid = f.Sid;
        if (string.IsNullOrWhiteSpace(sid))
        {
            r.Fail(QuarantineReason.MissingField, "the event's sid is required");
        }

        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = sid,
            Type = cxType,
            EventTime = time,
            ConversationId = f.Task,
            Channel = f.TaskChannel is not null && TaskChannels.TryGetValue(f.TaskChannel, out var channel) ? channel : null,
            Queue = f.Queue,
            AgentId = cxType is CxEventType.ContactOffered or CxEventType.ContactAnswered or CxEventType.ContactEnded ? f.Worker : null,
            Customer = Customer(f.Attributes),
            Measures = new CxMeasures
            {
                WaitSeconds = cxType is CxEventType.ContactAnswered or CxEventType.ContactAbandoned ? f.TaskAge : null,
            },
            Outcome = outcome,
            OutcomeReason = cxType == CxEventType.ContactUpdated ? type : f.Reason,
        });
    }

    /// <summary>The customer from the task attributes (a JSON object in a string): <c>from</c>, or <c>email</c>.</summary>
    private static List<CustomerIdentifier> Customer(string? attributes)
    {
        if (attributes is null || attributes.Length < 2 || attributes[0] != '{')
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(attributes, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var list = new List<CustomerIdentifier>(1);
            if (FieldReader.At(root, "email") is { ValueKind: JsonValueKind.String } email && email.GetString() is { Length: > 0 } e)
            {
                list.Add(new CustomerIdentifier(IdentifierKind.Email, e));
            }

            if (FieldReader.At(root, "from") is { ValueKind: JsonValueKind.String } from && from.GetString() is { Length: > 0 } value)
            {
                list.Add(new CustomerIdentifier(
                    value.Contains('@', StringComparison.Ordinal) ? IdentifierKind.Email
                    : value.StartsWith('+') ? IdentifierKind.Phone
                    : IdentifierKind.Account,
                    value));
            }

            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
