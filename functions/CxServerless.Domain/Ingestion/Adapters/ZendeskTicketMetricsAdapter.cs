using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Zendesk ticket metrics (<c>GET /api/v2/tickets/{id}/metrics</c>, object <c>ticket_metric</c>, the bare object, or a
/// <c>ticket_metrics</c> array from List Ticket Metrics, one event per record):
/// reply time, full resolution time and on-hold time, in calendar minutes, become seconds. A solved ticket's metrics are a
/// <see cref="CxEventType.CaseResolved"/>, an answered one's a <see cref="CxEventType.FirstResponse"/>.
/// </summary>
public sealed class ZendeskTicketMetricsAdapter : IMultiEventSourceAdapter
{
    /// <inheritdoc />
    public string Format => "zendesk-ticket-metrics";

    /// <inheritdoc />
    public string SourceSystem => "zendesk";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["ticket_metric", "ticket_id", "ticket_metrics"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        Metric(root) is not null || FieldReader.At(root, "ticket_metrics") is { ValueKind: JsonValueKind.Array };

    /// <inheritdoc />
    public IReadOnlyList<AdapterResult> AdaptAll(JsonElement root) =>
        FieldReader.At(root, "ticket_metrics") is { ValueKind: JsonValueKind.Array } list ? AdapterParts.Each(list, Read) : [Adapt(root)];

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) =>
        Metric(root) is { } m ? Read(m) : new Rejection(QuarantineReason.MissingField, "ticket_metric is required");

    private static AdapterResult Read(JsonElement m)
    {
        var r = new FieldReader(m);
        var reply = Minutes(r, "reply_time_in_minutes");
        var resolution = Minutes(r, "full_resolution_time_in_minutes");
        var solved = r.Time("solved_at");
        var updated = r.RequiredTime("updated_at");
        var type = solved is not null ? CxEventType.CaseResolved : reply is not null ? CxEventType.FirstResponse : CxEventType.CaseUpdated;
        return AdapterResult.From(r, () => new SourceEvent
        {
            // Metrics are re-sent as they change: each update of the record is its own event.
            EventId = $"{r.Required("id")}@{updated:O}",
            Type = type,
            EventTime = updated,
            ConversationId = r.Required("ticket_id"),
            Measures = new CxMeasures
            {
                FirstResponseSeconds = reply,
                ResolutionSeconds = resolution,
                HoldSeconds = Minutes(r, "on_hold_time_in_minutes"),
                Transfers = r.Number("group_stations") is { } stations and >= 1 && stations < 10_000 ? (int)stations - 1 : null,
            },
            Outcome = solved is not null ? CxOutcome.Resolved : null,
        });
    }

    private static double? Minutes(FieldReader r, string name) => r.Number(name, "calendar") * 60;

    private static JsonElement? Metric(JsonElement root)
    {
        if (FieldReader.At(root, "ticket_metric") is { ValueKind: JsonValueKind.Object } wrapped)
        {
            return wrapped;
        }

        return root.TryGetProperty("ticket_id", out _) && root.TryGetProperty("reply_time_in_minutes", out _) ? root : null;
    }
}
