using CxServerless.Domain.Events;

namespace CxServerless.Domain.Feedback;

/// <summary>The facts of one piece of customer feedback that the rules read. Text is masked; no identifiers.</summary>
/// <param name="Type">The event's type.</param>
/// <param name="Channel">The event's channel.</param>
/// <param name="Csat">CSAT 1–5, when given.</param>
/// <param name="Nps">NPS 0–10, when given.</param>
/// <param name="Ces">The canonical customer-effort score 1–7 (7 = very easy), when given.</param>
/// <param name="Sentiment">The text's sentiment −1…+1, when the text was scored.</param>
/// <param name="Text">The masked text, when there is one.</param>
public sealed record FeedbackSignal(
    CxEventType Type, CxChannel Channel, int? Csat, int? Nps, int? Ces, double? Sentiment, string? Text)
{
    /// <summary>Gets whether this is a survey response with a score: the kind of answer a follow-up survey waits for.</summary>
    public bool IsScoredSurvey => Type == CxEventType.SurveyResponse && (Csat is not null || Nps is not null || Ces is not null);

    /// <summary>Gets where the text came from as the rules name it: <c>survey</c>, <c>email</c>, or null.</summary>
    public string? TextSource =>
        string.IsNullOrWhiteSpace(Text) ? null
        : Type == CxEventType.SurveyResponse ? "survey"
        : Channel == CxChannel.Email ? "email"
        : null;
}
