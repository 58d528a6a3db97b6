using CxServerless.Domain.Events;
using CxSim.Cli;
using CxSim.Incidents;

namespace CxSim.Tests.Incidents;

public class IncidentSpecTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Clock_start_is_the_next_such_local_time_at_or_after_the_simulation_start()
    {
        var incident = IncidentSpec.Parse("wait-spike@10:00+30m:queue=billing", Start, TimeSpan.Zero);

        Assert.Equal(IncidentKind.WaitSpike, incident.Kind);
        Assert.Equal(Start.Date.AddHours(10), incident.Start.UtcDateTime);
        Assert.Equal(TimeSpan.FromMinutes(30), incident.End - incident.Start);
        Assert.Equal(new IncidentSlice(Queue: "billing"), incident.Slice);
        Assert.Null(incident.Magnitude);
    }

    [Fact]
    public void A_clock_time_already_past_today_means_tomorrow_and_honours_the_utc_offset()
    {
        var incident = IncidentSpec.Parse("dead-queue@07:00+1h", Start, TimeSpan.FromHours(1));

        // 07:00 at UTC+1 is 06:00 UTC, before the 08:15 UTC start, so the next day.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), incident.Start);
        Assert.Equal(IncidentSlice.All, incident.Slice);
    }

    [Fact]
    public void Relative_and_absolute_starts_magnitudes_and_multi_key_slices_parse()
    {
        var relative = IncidentSpec.Parse("abandonment-surge*3@T+2h+45m:channel=voice,region=emea", Start, TimeSpan.Zero);
        var absolute = IncidentSpec.Parse("csat-dip@2026-11-23T12:00:00+01:00+20m:team=team-billing", Start, TimeSpan.Zero);

        Assert.Equal((Start.AddHours(2), Start.AddHours(2).AddMinutes(45), 3.0), (relative.Start, relative.End, relative.Magnitude!.Value));
        Assert.Equal(new IncidentSlice(Channel: CxChannel.Voice, Region: "emea"), relative.Slice);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), absolute.Start);
        Assert.Equal(new IncidentSlice(Team: "team-billing"), absolute.Slice);
    }

    [Theory]
    [InlineData("lightning@10:00+5m", "Unknown incident kind")]
    [InlineData("wait-spike", "kind@start+duration")]
    [InlineData("wait-spike@10:00", "positive duration")]
    [InlineData("wait-spike@soon+5m", "not HH:mm")]
    [InlineData("wait-spike@10:00+5m:colour=red", "Unknown slice key")]
    [InlineData("wait-spike@10:00+5m:channel=pigeon", "Unknown channel")]
    [InlineData("wait-spike*-2@10:00+5m", "not a positive number")]
    public void Bad_specs_fail_with_a_message_that_says_what_is_wrong(string spec, string expected)
    {
        var error = Assert.Throws<FormatException>(() => IncidentSpec.Parse(spec, Start, TimeSpan.Zero));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_file_lists_incidents_with_slices_and_magnitudes()
    {
        const string json = """
            {
              // comments are allowed
              "incidents": [
                { "kind": "wait-spike", "start": "10:00", "duration": "30m", "slice": { "queue": "billing" }, "magnitude": 5 },
                { "kind": "dead-queue", "start": "T+1h", "duration": "15m" },
              ]
            }
            """;

        var incidents = ScenarioFile.Parse(json, Start, TimeSpan.Zero);

        Assert.Equal(2, incidents.Count);
        var ten = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new Incident(IncidentKind.WaitSpike, ten, ten.AddMinutes(30), new IncidentSlice(Queue: "billing"), 5), incidents[0]);
        Assert.Equal((Start.AddHours(1), IncidentSlice.All), (incidents[1].Start, incidents[1].Slice));
    }

    [Fact]
    public void A_bad_scenario_file_entry_is_named()
    {
        var error = Assert.Throws<FormatException>(() => ScenarioFile.Parse("""{"incidents":[{"kind":"wait-spike","start":"10:00"}]}""", Start, TimeSpan.Zero));

        Assert.Contains("#1", error.Message, StringComparison.Ordinal);
        Assert.Contains("duration", error.Message, StringComparison.Ordinal);
    }
}
