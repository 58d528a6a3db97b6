using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Feedback;

/// <summary>
/// The feedback rules file (format: docs/feedback.md): which feedback opens a closed loop, how it is tagged by topic,
/// which escalation chain its task follows and how the customer is asked again. Versioned and validated at start-up
/// (<see cref="FeedbackRulesParser"/>); every loop records the version it ran under.
/// </summary>
/// <param name="Version">The rules' version, recorded on every loop.</param>
/// <param name="Triggers">The thresholds that open a loop.</param>
/// <param name="Severity">The roster's escalation chain the follow-up task climbs (its SLAs and levels).</param>
/// <param name="Topics">The topic taxonomy, first match wins; <see cref="FeedbackTopic.Other"/> when none matches.</param>
/// <param name="FollowUpChannels">The notification channels the follow-up survey request goes to (inbox always).</param>
public sealed record FeedbackRules(
    string Version,
    FeedbackThresholds Triggers,
    AlertSeverity Severity,
    IReadOnlyList<FeedbackTopic> Topics,
    IReadOnlyList<string> FollowUpChannels);

/// <summary>The thresholds that make feedback a trigger; a null threshold never triggers.</summary>
/// <param name="CsatAtMost">CSAT (1–5) at or below this triggers.</param>
/// <param name="NpsAtMost">NPS (0–10) at or below this (a detractor) triggers.</param>
/// <param name="EffortAtLeast">
/// Customer effort (1–7, 7 = very hard) at or above this triggers. The canonical <c>ces</c> score runs the other way
/// (7 = very easy), so effort is <c>8 − ces</c>.
/// </param>
/// <param name="SentimentBelow">Text whose sentiment (−1…+1) is below this is negative.</param>
/// <param name="TextFrom">Where negative text triggers: <c>survey</c> (a survey comment), <c>email</c> (an e-mail).</param>
public sealed record FeedbackThresholds(
    int? CsatAtMost, int? NpsAtMost, int? EffortAtLeast, double? SentimentBelow, IReadOnlyList<string> TextFrom);

/// <summary>One topic of the taxonomy.</summary>
/// <param name="Name">The topic (<c>billing</c>, <c>delivery</c>, ...).</param>
/// <param name="Keywords">Words or phrases, matched case-insensitively as whole words.</param>
/// <param name="Team">A team of the routing file that owns this topic's loops, overriding the contact's team; or null.</param>
public sealed record FeedbackTopic(string Name, IReadOnlyList<string> Keywords, string? Team)
{
    /// <summary>The topic of feedback no keyword matched.</summary>
    public const string Other = "other";
}
