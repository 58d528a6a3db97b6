using CxServerless.Domain.Escalation;
using CxServerless.Domain.Handover;

namespace CxServerless.Domain.Tests.Handover;

/// <summary>Shift boundaries from the routing file: time zones, overnight shifts and daylight-saving days.</summary>
public sealed class HandoverScheduleTests
{
    // billing: a London day lead on weekdays; ops: a day lead and a night lead every day (London); sales: a New York lead;
    // early: a lead starting at 01:30 London time (inside the spring-forward gap and the autumn repeat).
    private const string Json = """
        {
          "version": "h1",
          "timeZone": "Europe/London",
          "defaultTeam": "ops",
          "people": [
            { "id": "lead-billing", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "08:00", "end": "18:00" } },
            { "id": "agent-billing", "team": "billing", "role": "Agent", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "06:00", "end": "14:00" } },
            { "id": "ops-day", "team": "ops", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "07:00", "end": "19:00" } },
            { "id": "ops-night", "team": "ops", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "19:00", "end": "07:00" } },
            { "id": "sup", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "10:00", "end": "18:00" } },
            { "id": "lead-sales", "team": "sales", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "09:00", "end": "17:00", "timeZone": "America/New_York" } },
            { "id": "lead-early", "team": "early", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "01:30", "end": "09:30" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "5m", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "5m", "resolveWithin": "1h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "5m", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "5m", "resolveWithin": "1h" } ]
          }
        }
        """;

    private static readonly Roster Roster = RosterParser.ParseOrThrow(Json);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Only_teams_with_team_leads_hand_over()
    {
        Assert.Equal(["billing", "early", "ops", "sales"], HandoverSchedule.Teams(Roster));
    }

    [Fact]
    public void A_weekday_team_hands_over_at_its_lead_s_start_and_the_outgoing_shift_runs_from_the_last_start()
    {
        // Monday 2026-12-07, 09:00 in London (GMT = UTC in winter). The agent's 06:00 start is no boundary.
        var monday = HandoverSchedule.Latest(Roster, "billing", Utc(2026, 12, 7, 9))!;

        Assert.Equal(Utc(2026, 12, 7, 8), monday.At);
        Assert.Equal(Utc(2026, 12, 4, 8), monday.OutgoingFrom); // Friday's start: the weekend belongs to the outgoing shift
        Assert.Equal(["lead-billing"], monday.IncomingLeads);

        // Exactly at the boundary, the boundary is the latest one.
        Assert.Equal(Utc(2026, 12, 7, 8), HandoverSchedule.Latest(Roster, "billing", Utc(2026, 12, 7, 8))!.At);
        Assert.Equal(Utc(2026, 12, 4, 8), HandoverSchedule.Latest(Roster, "billing", Utc(2026, 12, 7, 7, 59))!.At);
    }

    [Fact]
    public void Boundaries_follow_each_shift_s_time_zone()
    {
        // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer.
        Assert.Equal(Utc(2026, 12, 7, 14), HandoverSchedule.Latest(Roster, "sales", Utc(2026, 12, 7, 15))!.At);
        Assert.Equal(Utc(2026, 7, 6, 13), HandoverSchedule.Latest(Roster, "sales", Utc(2026, 7, 6, 15))!.At);

        // 08:00 in London is 07:00 UTC in summer.
        Assert.Equal(Utc(2026, 7, 6, 7), HandoverSchedule.Latest(Roster, "billing", Utc(2026, 7, 6, 9))!.At);
    }

    [Fact]
    public void An_overnight_shift_takes_over_in_the_evening_and_hands_back_in_the_morning()
    {
        // 03:00 on Tuesday 2026-12-08: the night lead took over at 19:00 on Monday from the day lead's 07:00 start.
        var night = HandoverSchedule.Latest(Roster, "ops", Utc(2026, 12, 8, 3))!;
        Assert.Equal((Utc(2026, 12, 7, 19), Utc(2026, 12, 7, 7)), (night.At, night.OutgoingFrom));
        Assert.Equal(["ops-night"], night.IncomingLeads);

        var morning = HandoverSchedule.Latest(Roster, "ops", Utc(2026, 12, 8, 7, 30))!;
        Assert.Equal((Utc(2026, 12, 8, 7), Utc(2026, 12, 7, 19)), (morning.At, morning.OutgoingFrom));
        Assert.Equal(["ops-day"], morning.IncomingLeads);

        // A day has two ops boundaries, one billing boundary on weekdays, one sales and one early boundary.
        var tuesday = HandoverSchedule.Between(Roster, Utc(2026, 12, 8, 0), Utc(2026, 12, 9, 0));
        Assert.Equal(
            [("early", Utc(2026, 12, 8, 1, 30)), ("ops", Utc(2026, 12, 8, 7)), ("billing", Utc(2026, 12, 8, 8)),
             ("sales", Utc(2026, 12, 8, 14)), ("ops", Utc(2026, 12, 8, 19))],
            tuesday.Select(b => (b.Team, b.At)));
    }

    [Fact]
    public void On_the_spring_forward_day_the_outgoing_shift_is_an_hour_shorter_and_a_start_in_the_gap_moves_on_by_the_gap()
    {
        // Sunday 2027-03-28: London clocks jump from 01:00 GMT to 02:00 BST.
        var morning = HandoverSchedule.Latest(Roster, "ops", Utc(2027, 3, 28, 12))!;
        Assert.Equal(Utc(2027, 3, 28, 6), morning.At);              // 07:00 BST
        Assert.Equal(Utc(2027, 3, 27, 19), morning.OutgoingFrom);   // 19:00 GMT on Saturday: an 11-hour night

        // 01:30 does not exist that day: read with the offset before the gap, the shift starts at 01:30 UTC (02:30 BST).
        Assert.Equal(Utc(2027, 3, 28, 1, 30), HandoverSchedule.Latest(Roster, "early", Utc(2027, 3, 28, 5))!.At);
        Assert.Equal(Utc(2027, 3, 27, 1, 30), HandoverSchedule.Latest(Roster, "early", Utc(2027, 3, 28, 0, 59))!.At);
    }

    [Fact]
    public void On_the_fall_back_day_the_night_is_an_hour_longer_and_a_repeated_time_counts_once()
    {
        // Sunday 2026-10-25: London clocks go back from 02:00 BST to 01:00 GMT.
        var morning = HandoverSchedule.Latest(Roster, "ops", Utc(2026, 10, 25, 12))!;
        Assert.Equal(Utc(2026, 10, 25, 7), morning.At);              // 07:00 GMT
        Assert.Equal(Utc(2026, 10, 24, 18), morning.OutgoingFrom);   // 19:00 BST on Saturday: a 13-hour night

        // 01:30 happens twice: the shift starts at the first, 00:30 UTC (01:30 BST), and only once.
        var early = HandoverSchedule.Between(Roster, Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 3)).Where(b => b.Team == "early");
        Assert.Equal([Utc(2026, 10, 25, 0, 30)], early.Select(b => b.At));
    }

    [Fact]
    public void A_team_without_a_lead_or_an_unknown_team_has_no_boundary()
    {
        Assert.Null(HandoverSchedule.Latest(Roster, "nobody", Utc(2026, 12, 7, 9)));
    }
}
