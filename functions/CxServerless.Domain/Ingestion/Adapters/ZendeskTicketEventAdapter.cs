using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Zendesk ticket events as the Zendesk Events Connector sends them (Amazon EventBridge envelope with
/// <c>detail.ticket_event</c>; the bare <c>ticket_event</c> object is accepted too). Each ticket event type maps through
/// <see cref="Types"/>; other types are <c>unsupported-type</c>.
/// </summary>
public sealed class ZendeskTicketEventAdapter : ISourceAdapter
{
    private static readonly Dictionary<string, Func<FieldReader, JsonElement, (CxEventType Type, CxOutcome? Outcome)>> Types =
        new(StringComparer.Ordinal)
        {
            ["Ticket Created"] = (_, _) => (CxEventType.CaseOpened, null),
            ["Status Changed"] = StatusChange,
            ["Comment Created"] = (_, _) => (CxEventType.MessagePosted, null),
            ["Agent Assignment Changed"] = (_, _) => (CxEventType.CaseUpdated, null),
            ["Group Assignment Changed"] = (_, _) => (CxEventType.CaseUpdated, null),
            ["Priority Changed"] = (_, _) => (CxEventType.CaseUpdated, null),
        };

    private static readonly HashSet<string> Closed = new(StringComparer.OrdinalIgnoreCase) { "solved", "closed" };

    /// <inheritdoc />
    public string Format => "zendesk-ticket-event";

    /// <inheritdoc />
    public string SourceSystem => "zendesk";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["detail", "ticket_event", "input"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) => TicketEvent(root) is not null;

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        if (TicketEvent(root) is not { } e)
        {
            return new Rejection(QuarantineReason.MissingField, "ticket_event is required");
        }

        var r = new FieldReader(root);
        var typeName = r.Text(e, "type");
        if (string.IsNullOrWhiteSpace(typeName) || !Types.TryGetValue(typeName, out var map))
        {
            return r.Problem ?? new Rejection(QuarantineReason.UnsupportedType, "this ticket event type has no mapping");
        }

        if (FieldReader.At(e, "ticket") is not { ValueKind: JsonValueKind.Object } ticket)
        {
            return new Rejection(QuarantineReason.MissingField, "ticket_event.ticket is required");
        }

        var (type, outcome) = map(r, e);
        var occurred = FieldReader.TryParseTime(r.Text(e, "meta", "occurred_at"), out var t) ? t : (DateTimeOffset?)null;
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = r.Text("id") ?? SequenceId(r, e),
            Type = type,
            EventTime = occurred ?? Missing(r, "ticket_event.meta.occurred_at"),
            ConversationId = r.Text(ticket, "id") ?? string.Empty,
            Channel = ZendeskChannels.Of(r.Text(ticket, "via", "channel")),
            Team = r.Text(ticket, "group_id"),
            AgentId = r.Text(ticket, "assignee_id"),
            Customer = r.Text(ticket, "requester_id") is { } requester ? [new CustomerIdentifier(IdentifierKind.Account, requester)] : [],
            Outcome = outcome,
            OutcomeReason = typeName == "Status Changed" ? r.Text(e, "current") : null,
            Text = typeName == "Comment Created" ? r.Text(e, "comment", "body") : null,
        });
    }

    private static (CxEventType, CxOutcome?) StatusChange(FieldReader r, JsonElement e)
    {
        var previous = r.Text(e, "previous") ?? string.Empty;
        var current = r.Text(e, "current") ?? string.Empty;
        return Closed.Contains(current) ? (CxEventType.CaseResolved, CxOutcome.Resolved)
            : Closed.Contains(previous) ? (CxEventType.CaseReopened, null)
            : (CxEventType.CaseUpdated, null);
    }

    private static string? SequenceId(FieldReader r, JsonElement e) =>
        r.Text(e, "meta", "sequence", "id") is { } seq ? $"{seq}/{r.Text(e, "meta", "sequence", "position")}" : null;

    private static DateTimeOffset Missing(FieldReader r, string name)
    {
        r.Fail(QuarantineReason.MissingField, $"{name} is required");
        return default;
    }

    private static JsonElement? TicketEvent(JsonElement root) =>
        (FieldReader.At(root, "detail", "ticket_event")
            ?? FieldReader.At(root, "ticket_event")
            ?? FieldReader.At(root, "input", "ticket_event")) is { ValueKind: JsonValueKind.Object } e
            ? e
            : null;
}
