namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>Where the escalation workflow should send an alert first. Every part is optional.</summary>
/// <param name="Team">The owning team (for example <c>voice-leads</c>).</param>
/// <param name="Skill">The skill the responder needs (for example <c>telephony</c>).</param>
/// <param name="IssueType">The issue type used to pick the escalation chain (for example <c>queue-wait</c>).</param>
public sealed record RoutingHint(string? Team, string? Skill, string? IssueType)
{
    /// <summary>No routing preference.</summary>
    public static RoutingHint None { get; } = new(null, null, null);
}
