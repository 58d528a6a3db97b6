namespace CxServerless.Domain.Feedback;

/// <summary>Evaluates feedback against the rules: the trigger reasons and the topic. Pure.</summary>
public static class FeedbackTriggers
{
    /// <summary>The largest effort value; effort is <c>EffortScale + 1 − ces</c>.</summary>
    public const int EffortScale = 7;

    /// <summary>Evaluates <paramref name="signal"/>.</summary>
    /// <param name="rules">The rules in force.</param>
    /// <param name="signal">The feedback.</param>
    /// <returns>The reasons it triggers (in the order csat, nps, effort, negativeText) and its topic.</returns>
    public static FeedbackEvaluation Evaluate(FeedbackRules rules, FeedbackSignal signal)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(signal);
        var t = rules.Triggers;
        var reasons = new List<string>();
        if (signal.Csat is { } csat && t.CsatAtMost is { } csatMax && csat <= csatMax)
        {
            reasons.Add("csat");
        }

        if (signal.Nps is { } nps && t.NpsAtMost is { } npsMax && nps <= npsMax)
        {
            reasons.Add("nps");
        }

        if (Effort(signal.Ces) is { } effort && t.EffortAtLeast is { } effortMin && effort >= effortMin)
        {
            reasons.Add("effort");
        }

        if (signal.Sentiment is { } sentiment && t.SentimentBelow is { } below && sentiment < below
            && signal.TextSource is { } source && t.TextFrom.Contains(source, StringComparer.Ordinal))
        {
            reasons.Add("negativeText");
        }

        var topic = TopicTagger.Tag(rules.Topics, signal.Text);
        return new FeedbackEvaluation(reasons, topic.Name, topic.Team);
    }

    /// <summary>Customer effort (1–7, 7 = very hard) from the canonical CES score (1–7, 7 = very easy).</summary>
    /// <param name="ces">The canonical score.</param>
    /// <returns>The effort, or null.</returns>
    public static int? Effort(int? ces) => ces is { } c ? EffortScale + 1 - c : null;
}
