using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Escalation;
using CxServerless.Domain.Handover;
using CxServerless.Functions.Analytics;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Handover;

/// <summary>
/// Writes the summary of a team's outgoing shift (<see cref="HandoverBoundary.OutgoingFrom"/>, <see cref="HandoverBoundary.At"/>]
/// from what the app already keeps: the Alerts table, the Tasks read model and the Baselines table.
/// </summary>
/// <remarks>
/// An alert belongs to the team of its task when it has one (a task keeps the team it was first given), else to the
/// team the routing file in force would give it. The team's KPIs are its slices: <c>team={team}</c>, every slice the
/// routing file routes to the team, and <c>all</c> for the default team.
/// </remarks>
public sealed class HandoverSummarizer(AlertStore alerts, TaskStore tasks, BaselineStore baselines, TimeProvider time)
{
    /// <summary>The most alerts, tasks and KPIs a summary lists (the counts cover all).</summary>
    public const int ListLimit = 20;

    /// <summary>How many KPIs that moved against their baseline a summary names.</summary>
    public const int KpiLimit = 5;

    /// <summary>Writes the summary of the boundary's outgoing shift.</summary>
    /// <param name="roster">The routing file in force.</param>
    /// <param name="boundary">The boundary.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary.</returns>
    public async Task<HandoverSummary> SummarizeAsync(Roster roster, HandoverBoundary boundary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(boundary);
        var (from, to, team) = (boundary.OutgoingFrom, boundary.At, boundary.Team);
        bool During(DateTimeOffset? t) => t is { } v && v > from && v <= to;

        var allTasks = await tasks.ListAsync(cancellationToken);
        var taskTeams = allTasks.ToDictionary(t => t.AlertId, t => t.Team, StringComparer.Ordinal);
        var teamAlerts = (await alerts.ListAsync(cancellationToken, fresh: true))
            .Select(a => a.Alert)
            .Where(a => string.Equals(
                taskTeams.GetValueOrDefault(a.Id) ?? roster.OwningTeam(a.Route, a.Slice.ToString()), team, StringComparison.Ordinal))
            .ToList();
        var open = teamAlerts.Where(a => a.OpenedAt <= to && (a.ResolvedAt is not { } r || r > to)).ToList();
        var alertPart = new HandoverAlerts(
            teamAlerts.Count(a => During(a.OpenedAt)),
            teamAlerts.Count(a => During(a.ResolvedAt)),
            open.Count,
            [.. open.OrderByDescending(a => a.Severity).ThenBy(a => a.OpenedAt).Take(ListLimit)
                .Select(a => new HandoverAlert(
                    a.Id, a.Severity.ToString().ToLowerInvariant(), a.Kpi.ToString(), a.Slice.ToString(), a.Message, a.OpenedAt))]);

        var teamTasks = allTasks.Where(t => string.Equals(t.Team, team, StringComparison.Ordinal) && t.CreatedAt <= to).ToList();
        var breached = teamTasks.Where(t => t.SlaBreached && (!t.IsClosed || During(t.ClosedAt))).ToList();
        var taskPart = new HandoverTasks(
            teamTasks.Count(t => During(t.CreatedAt)),
            teamTasks.Count(t => t.Status == TaskStatuses.Open),
            teamTasks.Count(t => t.Status == TaskStatuses.Acknowledged),
            teamTasks.Count(t => t.IsClosed && During(t.ClosedAt)),
            breached.Count,
            [.. breached.Take(ListLimit).Select(t => new HandoverTask(t.TaskId, t.Title, t.Severity, t.Status, t.Assignee, t.Level))]);

        var windows = new List<KpiWindowBaseline>();
        foreach (var slice in TeamSlices(roster, team))
        {
            foreach (var kpi in KpiCatalog.All.Select(k => k.Id))
            {
                windows.AddRange((await baselines.ReadAsync(kpi, slice, from, cancellationToken))
                    .Where(p => During(p.End))
                    .Select(p => new KpiWindowBaseline(p.Kpi, p.Slice.ToString(), p.End, p.Value, p.Mean)));
            }
        }

        var kpis = KpiDrift.Worst(windows, KpiLimit)
            .Select(d => new HandoverKpi(
                d.Kpi.ToString(), d.Slice, d.Windows, Round(d.MeanValue), Round(d.MeanBaseline), Round(d.ChangePercent)))
            .ToList();
        return new HandoverSummary(team, to, from, boundary.IncomingLeads, roster.Version, time.GetUtcNow(), alertPart, taskPart, kpis);
    }

    /// <summary>The one-line text of the incoming leads' notification.</summary>
    /// <param name="summary">The handover.</param>
    /// <returns>The text.</returns>
    public static string NotificationText(HandoverSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = $"Shift handover for {summary.Team}: {summary.Alerts.Opened} alerts opened, {summary.Alerts.Resolved} resolved, " +
                   $"{summary.Alerts.StillOpen} still open; tasks {summary.Tasks.Open} open, {summary.Tasks.Acknowledged} acknowledged, " +
                   $"{summary.Tasks.Resolved} closed; {summary.Tasks.SlaBreaches} SLA breaches.";
        return summary.Kpis.Count == 0
            ? text
            : text + $" Moved most against baseline: {summary.Kpis[0].Kpi} on {summary.Kpis[0].Slice} " +
                $"({summary.Kpis[0].ChangePercent:+0.#;-0.#} %).";
    }

    private static IEnumerable<Slice> TeamSlices(Roster roster, string team)
    {
        var texts = new List<string> { "team=" + team };
        texts.AddRange(roster.Routes
            .Where(r => r.Key.Contains('=', StringComparison.Ordinal) && string.Equals(r.Value, team, StringComparison.Ordinal))
            .Select(r => r.Key));
        if (string.Equals(roster.DefaultTeam, team, StringComparison.Ordinal))
        {
            texts.Add("all");
        }

        foreach (var text in texts.Distinct(StringComparer.Ordinal))
        {
            if (Slice.TryParse(text, out var slice))
            {
                yield return slice;
            }
        }
    }

    private static double Round(double value) => Math.Round(value, 3);
}
