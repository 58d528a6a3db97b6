using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// SurveyMonkey webhook callbacks (<c>event_type</c>, <c>object_type</c>, <c>object_id</c>, <c>resources</c>).
/// <c>response_completed</c> is a <see cref="CxEventType.SurveyResponse"/> for the survey's response (conversation
/// <c>{survey_id}/{object_id}</c>, customer the respondent and recipient ids). The callback carries ids only, no
/// answers, so the event has no score until the response details are fetched (not done yet). Other event types
/// (responses created, updated, disqualified; collector, survey and app events) are <c>unsupported-type</c>. The
/// webhook's own <c>name</c> is never read.
/// </summary>
public sealed class SurveyMonkeyWebhookAdapter : ISourceAdapter
{
    /// <inheritdoc />
    public string Format => "surveymonkey-webhook";

    /// <inheritdoc />
    public string SourceSystem => "surveymonkey";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["event_type"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        root.TryGetProperty("event_type", out _) && root.TryGetProperty("object_type", out _) && root.TryGetProperty("event_id", out _) &&
        root.TryGetProperty("filter_type", out _);

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var r = new FieldReader(root);
        var type = r.Required("event_type");
        if (r.Problem is { } early)
        {
            return early;
        }

        if (type != "response_completed")
        {
            return Rejection.Unsupported("SurveyMonkey", type);
        }

        var customer = new List<CustomerIdentifier>(2);
        foreach (var name in (ReadOnlySpan<string>)["respondent_id", "recipient_id"])
        {
            if (r.Text("resources", name) is { Length: > 0 } id)
            {
                customer.Add(new CustomerIdentifier(IdentifierKind.Account, $"{name}:{id}"));
            }
        }

        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = r.Required("event_id"),
            Type = CxEventType.SurveyResponse,
            EventTime = r.RequiredTime("event_datetime"),
            ConversationId = $"{r.Required("resources", "survey_id")}/{r.Required("object_id")}",
            Channel = CxChannel.Survey,
            Customer = customer,
        });
    }
}
