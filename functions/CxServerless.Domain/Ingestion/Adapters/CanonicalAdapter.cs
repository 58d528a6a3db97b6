using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Producers that already speak the canonical schema v1 (camelCase JSON, docs/events.md) send it directly. Identifiers
/// of people come clear in <c>agentId</c> and <c>customer</c> and are pseudonymised like any other source's.
/// </summary>
public sealed class CanonicalAdapter : ISourceAdapter
{
    /// <inheritdoc />
    public string Format => "canonical";

    /// <inheritdoc />
    public string SourceSystem => "canonical";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["schemaVersion"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        root.TryGetProperty("schemaVersion", out _) && root.TryGetProperty("conversationId", out _) && root.TryGetProperty("type", out _);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var r = new FieldReader(root);
        if (r.Number("schemaVersion") is not { } version || version != CxEvent.CurrentSchemaVersion)
        {
            return new Rejection(QuarantineReason.InvalidField, $"schemaVersion must be {CxEvent.CurrentSchemaVersion}");
        }

        var type = Parse<CxEventType>(r, "type", required: true);
        var channel = Parse<CxChannel>(r, "channel", required: true);
        var outcome = Parse<CxOutcome>(r, "outcome", required: false);
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = r.Text("eventId"),
            Type = type ?? default,
            EventTime = r.RequiredTime("eventTime"),
            ConversationId = r.Required("conversationId"),
            Channel = channel,
            Queue = r.Text("queue"),
            Team = r.Text("team"),
            Region = r.Text("region"),
            AgentId = r.Text("agentId"),
            Customer = Customer(r),
            Measures = Measures(r),
            Outcome = outcome,
            OutcomeReason = r.Text("outcomeReason"),
            Scores = Scores(r),
            Text = r.Text("text"),
        });
    }

    // Each optional group (customer, measures, scores) is looked up once first: most events carry none or one of them,
    // and every field lookup under an absent group would otherwise scan the whole event for it again.
    private static List<CustomerIdentifier> Customer(FieldReader r)
    {
        var list = new List<CustomerIdentifier>();
        if (r.At("customer") is null)
        {
            return list;
        }

        Add(list, IdentifierKind.Email, r.Text("customer", "email"));
        Add(list, IdentifierKind.Phone, r.Text("customer", "phone"));
        Add(list, IdentifierKind.Account, r.Text("customer", "accountId"));
        return list;
    }

    private static void Add(List<CustomerIdentifier> list, IdentifierKind kind, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            list.Add(new CustomerIdentifier(kind, value));
        }
    }

    private static CxMeasures Measures(FieldReader r) => r.At("measures") is null ? new() : new()
    {
        WaitSeconds = r.Number("measures", "waitSeconds"),
        IvrSeconds = r.Number("measures", "ivrSeconds"),
        TalkSeconds = r.Number("measures", "talkSeconds"),
        HoldSeconds = r.Number("measures", "holdSeconds"),
        AfterContactWorkSeconds = r.Number("measures", "afterContactWorkSeconds"),
        FirstResponseSeconds = r.Number("measures", "firstResponseSeconds"),
        ResolutionSeconds = r.Number("measures", "resolutionSeconds"),
        Transfers = WholeNumber(r, r.Number("measures", "transfers"), "measures.transfers"),
    };

    private static CxScores Scores(FieldReader r) => r.At("scores") is null ? new() : new()
    {
        Csat = WholeNumber(r, r.Number("scores", "csat"), "scores.csat"),
        Nps = WholeNumber(r, r.Number("scores", "nps"), "scores.nps"),
        Ces = WholeNumber(r, r.Number("scores", "ces"), "scores.ces"),
        Sentiment = r.Number("scores", "sentiment"),
    };

    /// <summary>A whole number, or a recorded problem: 3.5 is not a CSAT, and 1e12 is out of any scale.</summary>
    internal static int? WholeNumber(FieldReader r, double? value, string name)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v != Math.Floor(v))
        {
            r.Fail(QuarantineReason.InvalidField, $"{name} must be a whole number");
            return null;
        }

        if (v is < int.MinValue or > int.MaxValue)
        {
            r.Fail(QuarantineReason.OutOfRange, $"{name} is out of range");
            return null;
        }

        return (int)v;
    }

    private static T? Parse<T>(FieldReader r, string name, bool required)
        where T : struct, Enum
    {
        var text = r.Text(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                r.Fail(QuarantineReason.MissingField, $"{name} is required");
            }

            return null;
        }

        if (Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) &&
            Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]))
        {
            return value;
        }

        r.Fail(QuarantineReason.InvalidField, $"{name} has a value outside the {typeof(T).Name} enumeration");
        return null;
    }
}
