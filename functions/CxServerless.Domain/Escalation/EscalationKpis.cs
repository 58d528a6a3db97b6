namespace CxServerless.Domain.Escalation;

/// <summary>
/// How the escalation chain performs over a window: of the tasks created in it (one task per alert), the mean time to
/// acknowledge, the mean time to resolve, the SLA breach rate, the escalations per alert and the false-alarm rate per rule.
/// </summary>
/// <param name="Tasks">The tasks created in the window.</param>
/// <param name="Acknowledged">How many of them were acknowledged.</param>
/// <param name="MeanTimeToAcknowledge">Mean of (acknowledged − created) over the acknowledged ones; null when none.</param>
/// <param name="Resolved">How many were resolved (by a person, or by the alert resolving itself).</param>
/// <param name="MeanTimeToResolve">Mean of (closed − created) over the resolved ones; null when none.</param>
/// <param name="SlaBreaches">How many outlived their last level.</param>
/// <param name="SlaBreachRate">Breaches ÷ tasks; null without tasks.</param>
/// <param name="Escalations">How many times tasks climbed to a next level, in total.</param>
/// <param name="EscalationsPerAlert">Escalations ÷ tasks; null without tasks.</param>
/// <param name="Rules">Per alert rule: tasks, false alarms and their ratio, most false alarms first.</param>
public sealed record EscalationKpis(
    int Tasks,
    int Acknowledged,
    TimeSpan? MeanTimeToAcknowledge,
    int Resolved,
    TimeSpan? MeanTimeToResolve,
    int SlaBreaches,
    double? SlaBreachRate,
    int Escalations,
    double? EscalationsPerAlert,
    IReadOnlyList<RuleFalseAlarms> Rules)
{
    /// <summary>
    /// Computes the figures from the tasks created in (<paramref name="now"/> − <paramref name="window"/>, <paramref name="now"/>].
    /// </summary>
    /// <param name="tasks">Tasks of the read model (others are filtered out).</param>
    /// <param name="now">The end of the window.</param>
    /// <param name="window">The window's length.</param>
    /// <returns>The figures.</returns>
    /// <remarks>
    /// A false alarm is neither resolved nor part of the time to resolve: nobody fixed anything. Closures by the alert
    /// resolving itself count as resolved, since the problem ended then.
    /// </remarks>
    public static EscalationKpis Compute(IEnumerable<TaskFacts> tasks, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var inWindow = tasks.Where(t => t.CreatedAt > now - window && t.CreatedAt <= now).ToList();
        var acknowledged = inWindow.Where(t => t.AcknowledgedAt is not null).ToList();
        var resolved = inWindow.Where(t => t.ClosedAt is not null && t.Closure is "resolved" or "alertResolved").ToList();
        var breaches = inWindow.Count(t => t.SlaBreached);
        var escalations = inWindow.Sum(t => t.Escalations);
        var rules = inWindow.GroupBy(t => t.Rule, StringComparer.Ordinal)
            .Select(g => new RuleFalseAlarms(g.Key, g.Count(), g.Count(t => t.Closure == "falseAlarm"),
                (double)g.Count(t => t.Closure == "falseAlarm") / g.Count()))
            .OrderByDescending(r => r.FalseAlarms).ThenByDescending(r => r.Alerts).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .ToList();
        return new EscalationKpis(
            inWindow.Count,
            acknowledged.Count,
            Mean(acknowledged.Select(t => t.AcknowledgedAt!.Value - t.CreatedAt)),
            resolved.Count,
            Mean(resolved.Select(t => t.ClosedAt!.Value - t.CreatedAt)),
            breaches,
            inWindow.Count == 0 ? null : (double)breaches / inWindow.Count,
            escalations,
            inWindow.Count == 0 ? null : (double)escalations / inWindow.Count,
            rules);
    }

    private static TimeSpan? Mean(IEnumerable<TimeSpan> spans)
    {
        var list = spans.ToList();
        return list.Count == 0 ? null : TimeSpan.FromTicks((long)list.Average(s => (double)s.Ticks));
    }
}
