using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Zendesk satisfaction ratings: object <c>satisfaction_rating</c> (Show Satisfaction Rating, webhook bodies) or a
/// <c>satisfaction_ratings</c> array (List Satisfaction Ratings), one event per rating. Zendesk's CSAT is binary; <c>good</c> maps to the
/// top of the 1–5 scale (5) and <c>bad</c> to the bottom (1). Ratings that were offered but not answered carry no score
/// and are <c>unsupported-type</c>.
/// </summary>
public sealed class ZendeskSatisfactionRatingAdapter : IMultiEventSourceAdapter
{
    private static readonly Dictionary<string, int> Scores = new(StringComparer.OrdinalIgnoreCase) { ["good"] = 5, ["bad"] = 1 };

    /// <inheritdoc />
    public string Format => "zendesk-satisfaction-rating";

    /// <inheritdoc />
    public string SourceSystem => "zendesk";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["satisfaction_rating", "satisfaction_ratings"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        FieldReader.At(root, "satisfaction_rating") is { ValueKind: JsonValueKind.Object } ||
        FieldReader.At(root, "satisfaction_ratings") is { ValueKind: JsonValueKind.Array };

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root) =>
        FieldReader.At(root, "satisfaction_rating") is { ValueKind: JsonValueKind.Object } rating ? Rating(rating) : Rating(root);

    /// <inheritdoc />
    public IReadOnlyList<AdapterResult> AdaptAll(JsonElement root) =>
        FieldReader.At(root, "satisfaction_ratings") is { ValueKind: JsonValueKind.Array } ratings
            ? AdapterParts.Each(ratings, Rating)
            : [Adapt(root)];

    private static AdapterResult Rating(JsonElement rating)
    {
        var r = new FieldReader(rating);
        var score = r.Required("score");
        if (r.Problem is null && !Scores.ContainsKey(score))
        {
            return score is "offered" or "unoffered"
                ? new Rejection(QuarantineReason.UnsupportedType, "the rating was not answered")
                : new Rejection(QuarantineReason.InvalidField, "score has a value with no mapping");
        }

        var updated = r.Time("updated_at") ?? r.RequiredTime("created_at");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = $"{r.Required("id")}@{updated:O}",
            Type = CxEventType.SurveyResponse,
            EventTime = updated,
            ConversationId = r.Required("ticket_id"),
            Channel = CxChannel.Survey,
            Team = r.Text("group_id"),
            AgentId = r.Text("assignee_id"),
            Customer = r.Text("requester_id") is { } requester ? [new CustomerIdentifier(IdentifierKind.Account, requester)] : [],
            Scores = new CxScores { Csat = Scores.GetValueOrDefault(score) },
            Text = r.Text("comment"),
        });
    }
}
