using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Zendesk tickets as the REST API returns them: <c>{"ticket":{…}}</c> (Tickets API, and webhook bodies built from the
/// ticket placeholders) or a <c>tickets</c> array (incremental export, list endpoints), one event per ticket. A ticket is
/// a snapshot: solved or closed is <see cref="CxEventType.CaseResolved"/>; <c>new</c>, or never updated since it was
/// created, is <see cref="CxEventType.CaseOpened"/> (with the description as text); anything else is
/// <see cref="CxEventType.CaseUpdated"/>. Each update of a ticket is its own event (<c>ticket:{id}@{updated_at}</c>).
/// </summary>
public sealed class ZendeskTicketAdapter : IMultiEventSourceAdapter
{
    private static readonly HashSet<string> Closed = new(StringComparer.OrdinalIgnoreCase) { "solved", "closed" };

    /// <inheritdoc />
    public string Format => "zendesk-ticket";

    /// <inheritdoc />
    public string SourceSystem => "zendesk";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["ticket", "tickets"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        (FieldReader.At(root, "ticket") is { ValueKind: JsonValueKind.Object } ticket && ticket.TryGetProperty("id", out _)) ||
        FieldReader.At(root, "tickets") is { ValueKind: JsonValueKind.Array };

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) =>
        FieldReader.At(root, "ticket") is { ValueKind: JsonValueKind.Object } ticket ? Ticket(ticket) : Ticket(root);

    /// <inheritdoc />
    public IReadOnlyList<AdapterResult> AdaptAll(JsonElement root) =>
        FieldReader.At(root, "tickets") is { ValueKind: JsonValueKind.Array } tickets ? AdapterParts.Each(tickets, Ticket) : [Adapt(root)];

    private static AdapterResult Ticket(JsonElement ticket)
    {
        var r = new FieldReader(ticket);
        var status = r.Required("status");
        var created = r.Time("created_at");
        var updated = r.Time("updated_at") ?? created;
        var (type, outcome) = Closed.Contains(status) ? (CxEventType.CaseResolved, CxOutcome.Resolved)
            : string.Equals(status, "new", StringComparison.OrdinalIgnoreCase) || (created is not null && created == updated)
                ? (CxEventType.CaseOpened, (CxOutcome?)null)
                : (CxEventType.CaseUpdated, null);
        var time = AdapterParts.RequiredTime(r, updated, "ticket.updated_at");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = $"ticket:{r.Required("id")}@{time:O}",
            Type = type,
            EventTime = time,
            ConversationId = r.Required("id"),
            Channel = ZendeskChannels.Of(r.Text("via", "channel")),
            Team = r.Text("group_id"),
            AgentId = r.Text("assignee_id"),
            Customer = r.Text("requester_id") is { } requester ? [new CustomerIdentifier(IdentifierKind.Account, requester)] : [],
            Outcome = outcome,
            OutcomeReason = status,
            Text = type == CxEventType.CaseOpened ? r.Text("description") : null,
        });
    }
}
