using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Escalation;

namespace CxServerless.Domain.Tests.Escalation;

public sealed class AssignmentPolicyTests
{
    private static readonly Roster Roster = RosterParser.ParseOrThrow(RosterParserTests.Small);
    private static readonly EscalationLevel Lead = Roster.Chains[AlertSeverity.Critical][0];
    private static readonly EscalationLevel Supervisor = Roster.Chains[AlertSeverity.Critical][1];
    private static readonly HashSet<string> NoOne = [];

    // Wednesday 2026-12-02 13:00 in London (UTC in winter).
    private static readonly DateTimeOffset WednesdayOnePm = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_two_leads_on_shift_the_skilled_one_is_picked()
    {
        var pick = AssignmentPolicy.Pick(Roster, Lead, "billing", "coaching", WednesdayOnePm, new Dictionary<string, Workload>(), NoOne);

        Assert.Equal("lead-a", pick!.Person.Id);
        Assert.Contains("skilled in coaching", pick.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_skill_the_lead_with_fewer_open_tasks_is_picked_then_the_one_assigned_longest_ago()
    {
        var busyA = new Dictionary<string, Workload> { ["lead-a"] = new(3, null), ["lead-b"] = new(1, null) };
        Assert.Equal("lead-b", AssignmentPolicy.Pick(Roster, Lead, "billing", null, WednesdayOnePm, busyA, NoOne)!.Person.Id);

        var even = new Dictionary<string, Workload>
        {
            ["lead-a"] = new(1, WednesdayOnePm.AddMinutes(-5)),
            ["lead-b"] = new(1, WednesdayOnePm.AddMinutes(-50)),
        };
        Assert.Equal("lead-b", AssignmentPolicy.Pick(Roster, Lead, "billing", null, WednesdayOnePm, even, NoOne)!.Person.Id);
    }

    [Fact]
    public void Shifts_follow_their_time_zone_and_run_past_midnight()
    {
        var sevenAm = new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
        Assert.Null(AssignmentPolicy.Pick(Roster, Lead, "billing", null, sevenAm, new Dictionary<string, Workload>(), NoOne));

        var threeAmThursday = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal("night", AssignmentPolicy.Pick(Roster, Lead, "billing", null, threeAmThursday, new Dictionary<string, Workload>(), NoOne)!.Person.Id);

        // 09:00 in New York is 14:00 in London: the supervisor works New York hours.
        Assert.Null(AssignmentPolicy.Pick(Roster, Supervisor, "billing", null, WednesdayOnePm, new Dictionary<string, Workload>(), NoOne));
        Assert.Equal("sup", AssignmentPolicy.Pick(Roster, Supervisor, "billing", null, WednesdayOnePm.AddHours(1.5), new Dictionary<string, Workload>(), NoOne)!.Person.Id);
    }

    [Fact]
    public void Out_of_hours_the_on_call_rota_answers_and_earlier_assignees_are_skipped()
    {
        var saturdayNoon = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var pick = AssignmentPolicy.Pick(Roster, Supervisor, "billing", null, saturdayNoon, new Dictionary<string, Workload>(), NoOne);
        Assert.Equal("sup", pick!.Person.Id);
        Assert.Contains("on call", pick.Reason, StringComparison.Ordinal);

        Assert.Equal("lead-b", AssignmentPolicy.Pick(Roster, Lead, "billing", "coaching", WednesdayOnePm, new Dictionary<string, Workload>(), new HashSet<string> { "lead-a" })!.Person.Id);
    }

    [Fact]
    public void The_owning_team_comes_from_the_slice_route_then_the_team_slice_then_the_issue_type_then_the_default()
    {
        Assert.Equal("billing", Roster.OwningTeam(new RoutingHint("x", null, "queue-wait"), "queue=billing"));
        Assert.Equal("billing", Roster.OwningTeam(new RoutingHint(null, null, "queue-wait"), "team=billing"));
        Assert.Equal("ops", Roster.OwningTeam(new RoutingHint("billing", null, "queue-wait"), "all"));
        Assert.Equal("billing", Roster.OwningTeam(new RoutingHint("billing", null, "unknown"), "all"));
        Assert.Equal("ops", Roster.OwningTeam(RoutingHint.None, "channel=chat"));
    }
}
