using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Salesforce Change Data Capture events for the Case object (<c>CaseChangeEvent</c>), in the streaming message form
/// (<c>data.payload</c>), the Pub/Sub form (<c>payload</c>) or bare. An update carries only changed fields, so the
/// channel (Case.Origin) is usually absent: the pipeline then takes it from the case's earlier events, or records it as
/// <see cref="CxChannel.Unknown"/>. Change events of other objects (Account, Contact…) are <c>unsupported-type</c>.
/// </summary>
public sealed class SalesforceCaseChangeEventAdapter : ISourceAdapter
{
    private static readonly Dictionary<string, CxChannel> Origins = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Phone"] = CxChannel.Voice,
        ["Email"] = CxChannel.Email,
        ["Web"] = CxChannel.Web,
        ["Chat"] = CxChannel.Chat,
        ["Messaging"] = CxChannel.Messaging,
    };

    private static readonly HashSet<string> ClosedStatuses = new(StringComparer.OrdinalIgnoreCase) { "Closed", "Resolved", "Solved" };

    /// <inheritdoc />
    public string Format => "salesforce-case-cdc";

    /// <inheritdoc />
    public string SourceSystem => "salesforce";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["data", "payload", "ChangeEventHeader"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        Payload(root) is { } p && FieldReader.At(p, "ChangeEventHeader", "entityName") is { ValueKind: JsonValueKind.String };

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        if (Payload(root) is not { } payload)
        {
            return new Rejection(QuarantineReason.MissingField, "ChangeEventHeader is required");
        }

        var r = new FieldReader(payload);
        var entity = r.Text("ChangeEventHeader", "entityName");
        if (entity != "Case")
        {
            return r.Problem ?? Rejection.Unsupported("Salesforce", $"{entity}ChangeEvent", "is not a case");
        }

        var changeType = r.Required("ChangeEventHeader", "changeType");
        if (r.Problem is null && changeType is not ("CREATE" or "UPDATE"))
        {
            return new Rejection(QuarantineReason.UnsupportedType, "only CREATE and UPDATE case changes carry case data");
        }

        var recordId = FieldReader.At(payload, "ChangeEventHeader", "recordIds") is { ValueKind: JsonValueKind.Array } ids
            && ids.GetArrayLength() > 0
            ? r.Text(ids[0])
            : null;
        var status = r.Text("Status");
        var (type, outcome) = Classify(changeType, status, r.Flag("IsClosed"), r.Flag("IsEscalated"));
        var owner = r.Text("OwnerId");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = $"{r.Required("ChangeEventHeader", "transactionKey")}/{r.Text("ChangeEventHeader", "sequenceNumber")}/{recordId}",
            Type = type,
            EventTime = r.RequiredTime("ChangeEventHeader", "commitTimestamp"),
            ConversationId = recordId ?? Missing(r),
            Channel = r.Text("Origin") is { } origin && Origins.TryGetValue(origin, out var channel) ? channel : null,
            // Owner ids starting 005 are users (agents); 00G are queues.
            AgentId = owner?.StartsWith("005", StringComparison.Ordinal) == true ? owner : null,
            Queue = owner?.StartsWith("00G", StringComparison.Ordinal) == true ? owner : null,
            Customer = Customer(r),
            Outcome = outcome,
            OutcomeReason = status,
            Text = r.Text("Description") ?? r.Text("Subject"),
        });
    }

    private static (CxEventType, CxOutcome?) Classify(string changeType, string? status, bool? isClosed, bool? isEscalated)
    {
        if (changeType == "CREATE")
        {
            return (CxEventType.CaseOpened, null);
        }

        if (isClosed == true || (status is not null && ClosedStatuses.Contains(status)))
        {
            return (CxEventType.CaseResolved, CxOutcome.Resolved);
        }

        return isEscalated == true || string.Equals(status, "Escalated", StringComparison.OrdinalIgnoreCase)
            ? (CxEventType.ContactEscalated, CxOutcome.Escalated)
            : (CxEventType.CaseUpdated, null);
    }

    private static List<CustomerIdentifier> Customer(FieldReader r)
    {
        var list = new List<CustomerIdentifier>();
        if (r.Text("SuppliedEmail") is { Length: > 0 } email)
        {
            list.Add(new CustomerIdentifier(IdentifierKind.Email, email));
        }

        if (r.Text("SuppliedPhone") is { Length: > 0 } phone)
        {
            list.Add(new CustomerIdentifier(IdentifierKind.Phone, phone));
        }

        if (r.Text("ContactId") is { Length: > 0 } contact)
        {
            list.Add(new CustomerIdentifier(IdentifierKind.Account, contact));
        }

        return list;
    }

    private static string Missing(FieldReader r)
    {
        r.Fail(QuarantineReason.MissingField, "ChangeEventHeader.recordIds is required");
        return string.Empty;
    }

    private static JsonElement? Payload(JsonElement root)
    {
        foreach (var candidate in new[] { FieldReader.At(root, "data", "payload"), FieldReader.At(root, "payload"), root })
        {
            if (candidate is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("ChangeEventHeader", out _))
            {
                return c;
            }
        }

        return null;
    }
}
