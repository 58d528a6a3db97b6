namespace CxServerless.Domain.Feedback;

/// <summary>What the rules made of one piece of feedback.</summary>
/// <param name="Reasons">Why it triggers (<c>csat</c>, <c>nps</c>, <c>effort</c>, <c>negativeText</c>); empty when it does not.</param>
/// <param name="Topic">The topic its text was tagged with.</param>
/// <param name="Team">The team the topic names as owner, or null to keep the contact's team.</param>
public sealed record FeedbackEvaluation(IReadOnlyList<string> Reasons, string Topic, string? Team)
{
    /// <summary>Gets whether the feedback opens (or joins) a loop.</summary>
    public bool Triggered => Reasons.Count > 0;
}
