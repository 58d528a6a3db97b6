using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Escalation;
using CxServerless.Testing;

namespace CxServerless.Domain.Tests.Escalation;

public sealed class RosterParserTests
{
    internal const string Small = """
        {
          "version": "t1",
          "timeZone": "Europe/London",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing", "queue-wait": "ops" },
          "people": [
            { "id": "lead-a", "team": "billing", "role": "TeamLead", "skills": ["coaching"],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "08:00", "end": "16:00" } },
            { "id": "lead-b", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "12:00", "end": "20:00" } },
            { "id": "night", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "22:00", "end": "06:00" } },
            { "id": "sup", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri"], "start": "09:00", "end": "17:00", "timeZone": "America/New_York" } }
          ],
          "onCall": [ { "person": "sup", "role": "Supervisor", "shift": { "days": ["Sat","Sun"], "start": "00:00", "end": "24:00" } } ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "5m", "resolveWithin": "1h", "remindBefore": "1m", "channels": ["teams"] },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "10m", "resolveWithin": "2h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "15m", "resolveWithin": "4h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "8h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1d", "resolveWithin": "3d" } ]
          }
        }
        """;

    [Fact]
    public void A_valid_file_gives_people_shifts_routes_and_chains()
    {
        var roster = RosterParser.ParseOrThrow(Small);

        Assert.Equal("t1", roster.Version);
        Assert.Equal(4, roster.People.Count);
        Assert.Equal(2, roster.Chains[AlertSeverity.Critical].Count);
        Assert.Equal(TimeSpan.FromMinutes(5), roster.Chains[AlertSeverity.Critical][0].AcknowledgeWithin);
        Assert.Equal(["inbox", "teams"], roster.Chains[AlertSeverity.Critical][0].Channels);
        Assert.True(roster.Chains[AlertSeverity.Critical][1].AnyTeam);
        Assert.Equal(TimeSpan.FromHours(8), roster.Find("night")!.Shift.Length);
    }

    [Fact]
    public void A_person_may_have_a_work_email_address_for_the_email_channel()
    {
        var json = Small.Replace("\"id\": \"sup\",", "\"id\": \"sup\", \"email\": \"sup@contoso.example\",", StringComparison.Ordinal);

        var roster = RosterParser.ParseOrThrow(json);

        Assert.Equal("sup@contoso.example", roster.Find("sup")!.Email);
        Assert.Null(roster.Find("lead-a")!.Email);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@contoso.example,three@contoso.example")]
    [InlineData("Name <name@contoso.example>")]
    [InlineData("name@localhost")]
    [InlineData("name with space@contoso.example")]
    public void An_email_that_is_not_one_plain_address_is_refused_without_repeating_it(string email)
    {
        var json = Small.Replace("\"id\": \"sup\",", $"\"id\": \"sup\", \"email\": \"{email}\",", StringComparison.Ordinal);

        var errors = RosterParser.Parse(json).Errors.Select(e => e.ToString()).ToList();

        var error = Assert.Single(errors);
        Assert.StartsWith("people[3].email must be one e-mail address", error, StringComparison.Ordinal);
        Assert.DoesNotContain(email, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_routing_file_is_valid()
    {
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "rules", "cx-roster.v1.json");
        var result = RosterParser.Parse(File.ReadAllText(path));

        Assert.Empty(result.Errors);
        Assert.All(Enum.GetValues<AlertSeverity>(), s => Assert.NotEmpty(result.Roster!.Chains[s]));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var bad = Small
            .Replace("\"start\": \"08:00\"", "\"start\": \"8am\"", StringComparison.Ordinal)
            .Replace("\"role\": \"Supervisor\", \"skills\"", "\"role\": \"Boss\", \"skills\"", StringComparison.Ordinal)
            .Replace("\"America/New_York\"", "\"Mars/Olympus\"", StringComparison.Ordinal)
            .Replace("\"remindBefore\": \"1m\"", "\"remindBefore\": \"10m\"", StringComparison.Ordinal)
            .Replace("\"channels\": [\"teams\"]", "\"channels\": [\"pager\"]", StringComparison.Ordinal)
            .Replace("\"queue-wait\": \"ops\"", "\"queue-wait\": \"nobody\"", StringComparison.Ordinal)
            .Replace("\"version\": \"t1\",", "\"version\": \"t1\", \"colour\": \"red\",", StringComparison.Ordinal);

        var errors = RosterParser.Parse(bad).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("people[0].shift.start must be a time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("people[3].role must be one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("people[3].shift.timeZone is not a known time zone", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("chains.critical[0].remindBefore must be shorter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("chains.critical[0].channels has \"pager\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("routes.queue-wait names team \"nobody\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("colour is not a known field", StringComparison.Ordinal));
        Assert.Null(RosterParser.Parse(bad).Roster);
    }

    [Fact]
    public void A_missing_chain_and_broken_json_are_errors()
    {
        Assert.Contains(RosterParser.Parse(Small.Replace("\"informational\"", "\"info\"", StringComparison.Ordinal)).Errors,
            e => e.Path == "chains.informational" && e.Message == "is required");
        Assert.Equal("$", Assert.Single(RosterParser.Parse("{ not json").Errors).Path);
        Assert.Throws<RosterValidationException>(() => RosterParser.ParseOrThrow("[]"));
    }
}
