namespace CxServerless.Domain.Feedback;

/// <summary>How the feedback KPIs are grouped.</summary>
public enum FeedbackKpiGrouping
{
    /// <summary>By the team owning the follow-up task (<see cref="FeedbackKpis.Unassigned"/> before it is routed).</summary>
    Team,

    /// <summary>By the loop's topic.</summary>
    Topic,
}
