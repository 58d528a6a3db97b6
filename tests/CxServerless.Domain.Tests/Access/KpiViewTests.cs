using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Tests.Access;

/// <summary>
/// Who sees which KPI, as docs/security.md and the README's role table state it: floor-wide roles see everything, a
/// team lead every KPI of their team, an agent their team's queue figures only, and nobody without a team claim sees
/// a team view.
/// </summary>
public sealed class KpiViewTests
{
    private static readonly Slice Blue = new(SliceDimension.Team, "blue");
    private static readonly Slice Red = new(SliceDimension.Team, "red");

    private static KpiView View(string? team, params string[] roles) => KpiView.For(roles.ToHashSet(StringComparer.Ordinal), team);

    [Theory]
    [InlineData("Supervisor")]
    [InlineData("OpsAdmin")]
    [InlineData("Auditor")]
    public void Floor_wide_roles_see_every_kpi_of_every_slice(string role)
    {
        var view = View(null, role);
        Assert.True(view.SeesAllSlices);
        Assert.Equal(Slice.All, view.DefaultSlice);
        Assert.True(view.CanSee(KpiId.CsatAverage, Red));
        Assert.True(view.CanSee(KpiId.AverageHandleTime, Slice.All));
    }

    [Fact]
    public void A_team_lead_sees_every_kpi_of_their_own_team_only()
    {
        var view = View("blue", "TeamLead");
        Assert.Equal(Blue, view.DefaultSlice);
        Assert.True(view.CanSee(KpiId.AverageHandleTime, Blue));
        Assert.True(view.CanSee(KpiId.NetPromoterScore, Blue));
        Assert.False(view.CanSee(KpiId.ContactVolume, Red));
        Assert.False(view.CanSee(KpiId.ContactVolume, Slice.All));
    }

    [Fact]
    public void An_agent_sees_their_teams_queue_figures_but_not_figures_that_judge_people()
    {
        var view = View("blue", "Agent");
        foreach (var queue in new[] { KpiId.ContactVolume, KpiId.AverageSpeedOfAnswer, KpiId.ServiceLevel, KpiId.AbandonmentRate })
        {
            Assert.True(view.CanSee(queue, Blue), queue.ToString());
        }

        foreach (var judging in new[] { KpiId.CsatAverage, KpiId.NetPromoterScore, KpiId.AverageHandleTime, KpiId.AverageSentiment })
        {
            Assert.False(view.CanSee(judging, Blue), judging.ToString());
            Assert.Contains(judging, KpiView.SensitiveKpis);
        }

        Assert.False(view.CanSee(KpiId.ContactVolume, Red));
    }

    [Theory]
    [InlineData("TeamLead")]
    [InlineData("Agent")]
    public void A_team_role_without_a_team_claim_sees_nothing(string role)
    {
        var view = View(null, role);
        Assert.Empty(view.Kpis);
        Assert.False(view.CanSee(KpiId.ContactVolume, Slice.All));
        Assert.False(view.CanSee(KpiId.ContactVolume, Blue));
    }

    [Fact]
    public void The_widest_role_held_decides()
    {
        Assert.True(View("blue", "Agent", "Supervisor").CanSee(KpiId.CsatAverage, Red));
        Assert.True(View("blue", "Agent", "TeamLead").CanSee(KpiId.CsatAverage, Blue));
    }
}
