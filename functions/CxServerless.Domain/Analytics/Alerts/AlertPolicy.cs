namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>The anti-fatigue policy of a rule.</summary>
/// <param name="BreachesToOpen">k: breaching windows among the last <paramref name="WindowsToConsider"/> needed to open an alert.</param>
/// <param name="WindowsToConsider">n: how many of the latest windows are looked at (like Azure Monitor's failing periods).</param>
/// <param name="Cooldown">After an alert recovers, no new alert opens for this KPI and slice until this much event time has passed.</param>
/// <param name="RecoverAfter">Consecutive clear windows that recover an open alert.</param>
public sealed record AlertPolicy(int BreachesToOpen, int WindowsToConsider, TimeSpan Cooldown, int RecoverAfter)
{
    /// <summary>
    /// Roll-up (<c>alerting.rollUp</c>): when set, an alert on one of the rule's sub-slices (a queue, a team, a channel)
    /// is held this long after it would open. If an <c>all</c> alert of its roll-up group (the rules routed to the same
    /// team and skill) is open by then (or already is), the sub-slice alert joins that alert as its child (stored and
    /// listed, never announced on its own); otherwise it is announced when the wait ends, with its original opening time.
    /// A child that outlives its parent is held this long again before it pages. Null: no roll-up, every alert opens at
    /// once.
    /// </summary>
    public TimeSpan? RollUpWait { get; init; }

    /// <summary>3 of 5, 15 minutes of cooldown, recovery after 5 clear windows.</summary>
    public static AlertPolicy Default { get; } = new(3, 5, TimeSpan.FromMinutes(15), 5);
}
