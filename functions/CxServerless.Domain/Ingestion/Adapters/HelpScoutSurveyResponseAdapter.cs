using System.Globalization;
using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Help Scout survey responses (webhook <c>message.survey.response.received</c>): NPS (0–10 with a category), Faces and
/// Thumbs surveys (mapped to CSAT: Happy/Thumbs Up 5, Neutral 3, Sad/Thumbs Down 1) and Text surveys (verbatim only).
/// The payload has no id, so de-duplication falls back to the delivery's partition and sequence number.
/// </summary>
public sealed class HelpScoutSurveyResponseAdapter : ISourceAdapter
{
    private static readonly Dictionary<string, int> Faces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Happy"] = 5,
        ["Neutral"] = 3,
        ["Sad"] = 1,
        ["Thumbs Up"] = 5,
        ["Thumbs Down"] = 1,
    };

    /// <inheritdoc />
    public string Format => "helpscout-survey";

    /// <inheritdoc />
    public string SourceSystem => "helpscout";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["response"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        FieldReader.At(root, "response") is { ValueKind: JsonValueKind.Object } response && response.TryGetProperty("timestamp", out _) &&
        FieldReader.At(root, "message") is { ValueKind: JsonValueKind.Object };

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var r = new FieldReader(root);
        var name = r.Text("response", "name");
        var value = r.Text("response", "value");
        var category = r.Text("response", "category");
        var comment = r.Text("response", "comment");
        int? nps = null;
        int? csat = null;
        if (category is not null)
        {
            nps = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Invalid(r);
        }
        else if (name is not null && Faces.TryGetValue(name, out var face))
        {
            csat = face;
        }
        else if (string.IsNullOrWhiteSpace(comment))
        {
            return r.Problem ?? new Rejection(QuarantineReason.UnsupportedType, "the response has neither a score nor a comment");
        }

        var customerId = r.Text("_embedded", "customer", "id");
        return AdapterResult.From(r, () => new SourceEvent
        {
            Type = CxEventType.SurveyResponse,
            EventTime = r.RequiredTime("response", "timestamp"),
            ConversationId = $"{r.Required("message", "name")}/{customerId ?? "anonymous"}",
            Channel = CxChannel.Survey,
            Customer = Customer(r, customerId),
            Scores = new CxScores { Nps = nps, Csat = csat },
            Text = comment,
        });
    }

    private static int? Invalid(FieldReader r)
    {
        r.Fail(QuarantineReason.InvalidField, "response.value must be a whole number for an NPS response");
        return null;
    }

    private static List<CustomerIdentifier> Customer(FieldReader r, string? customerId)
    {
        var list = new List<CustomerIdentifier>();
        AddFirst(r, list, IdentifierKind.Email, "emails");
        AddFirst(r, list, IdentifierKind.Phone, "phones");
        if (customerId is not null)
        {
            list.Add(new CustomerIdentifier(IdentifierKind.Account, customerId));
        }

        return list;
    }

    private static void AddFirst(FieldReader r, List<CustomerIdentifier> list, IdentifierKind kind, string collection)
    {
        if (FieldReader.At(r.Root, "_embedded", "customer", "_embedded", collection) is { ValueKind: JsonValueKind.Array } items &&
            items.GetArrayLength() > 0 && r.Text(items[0], "value") is { Length: > 0 } value)
        {
            list.Add(new CustomerIdentifier(kind, value));
        }
    }
}
