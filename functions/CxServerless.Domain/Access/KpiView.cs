using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Access;

/// <summary>
/// What a caller may see of the KPIs. Supervisors, ops admins and auditors see every KPI of every slice. A team lead
/// sees every KPI of their own team's slice. An agent sees only their team's queue figures (volume, speed of answer,
/// service level, abandonment, backlog, first response), not other teams' slices and not the sensitive figures
/// (satisfaction, NPS, effort, sentiment, handle time, resolution, escalations), which judge people's work.
/// A team lead or agent without a team claim sees nothing.
/// </summary>
public sealed record KpiView(string Scope, string? Team, IReadOnlyList<KpiId> Kpis)
{
    /// <summary>The KPIs an agent may see.</summary>
    public static IReadOnlyList<KpiId> AgentKpis { get; } =
    [
        KpiId.ContactVolume, KpiId.AverageSpeedOfAnswer, KpiId.ServiceLevel, KpiId.AbandonmentRate, KpiId.Backlog,
        KpiId.FirstResponseTime,
    ];

    /// <summary>
    /// The KPIs whose reads are sensitive (performance and customer-feedback figures): audited, hidden from agents.
    /// </summary>
    public static IReadOnlySet<KpiId> SensitiveKpis { get; } = Enum.GetValues<KpiId>().Except(AgentKpis).ToHashSet();

    /// <summary>True when the caller sees every slice.</summary>
    public bool SeesAllSlices => Scope == "all";

    /// <summary>The slice the caller sees by default: all, or their team's.</summary>
    public Slice DefaultSlice => SeesAllSlices || Team is null ? Slice.All : new Slice(SliceDimension.Team, Team);

    /// <summary>The view of a caller who holds <paramref name="roles"/> (canonical names, see <see cref="CxRoles"/>)
    /// and belongs to <paramref name="team"/> (null when the identity carries no team claim).</summary>
    public static KpiView For(IReadOnlySet<string> roles, string? team)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var all = Enum.GetValues<KpiId>();
        if (roles.Contains(CxRoles.Supervisor) || roles.Contains(CxRoles.OpsAdmin) || roles.Contains(CxRoles.Auditor))
        {
            return new KpiView("all", team, all);
        }

        if (roles.Contains(CxRoles.TeamLead))
        {
            return new KpiView("team", team, team is null ? [] : all);
        }

        return new KpiView("team", team, team is null ? [] : AgentKpis);
    }

    /// <summary>True when the caller may see <paramref name="kpi"/> for <paramref name="slice"/>.</summary>
    public bool CanSee(KpiId kpi, Slice slice) => Kpis.Contains(kpi) && CanSee(slice);

    /// <summary>True when the caller may see figures of <paramref name="slice"/>.</summary>
    public bool CanSee(Slice slice) =>
        SeesAllSlices
        || (Team is not null && slice.Dimension == SliceDimension.Team && string.Equals(slice.Value, Team, StringComparison.Ordinal));
}
