using System.Globalization;
using System.Text;
using CxServerless.Domain.Escalation;
using CxServerless.Workflows.Escalation;

namespace CxServerless.Benchmarks.Escalation;

/// <summary>
/// The escalation bench's routing file: enough people on shift around the clock (team leads of <c>billing</c>, supervisors
/// of <c>ops</c>) that assignment never runs out of people, and a critical chain of two levels whose first
/// acknowledgement SLA is the bench's parameter, so every task climbs once on its own.
/// </summary>
internal sealed class BenchRoster(Roster roster) : IRosterSource
{
    public Roster Roster => roster;

    public Task<Roster> GetAsync(CancellationToken cancellationToken) => Task.FromResult(roster);

    public static BenchRoster Create(int leads, int supervisors, TimeSpan firstLevelSla)
    {
        var people = new StringBuilder();
        for (var i = 0; i < leads; i++)
        {
            people.Append(Person($"lead-{i:D2}", "billing", "TeamLead")).Append(',');
        }

        for (var i = 0; i < supervisors; i++)
        {
            people.Append(Person($"sup-{i:D2}", "ops", "Supervisor")).Append(i < supervisors - 1 ? "," : string.Empty);
        }

        var sla = ((int)firstLevelSla.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var json = $$"""
            {
              "version": "bench-1",
              "defaultTeam": "ops",
              "routes": { "queue=billing": "billing" },
              "people": [ {{people}} ],
              "chains": {
                "critical": [ { "role": "TeamLead", "acknowledgeWithin": "{{sla}}", "resolveWithin": "1d" },
                              { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "1d", "resolveWithin": "1d" } ],
                "error": [ { "role": "TeamLead", "acknowledgeWithin": "1d", "resolveWithin": "1d" } ],
                "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1d", "resolveWithin": "1d" } ],
                "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1d", "resolveWithin": "1d" } ]
              }
            }
            """;
        return new BenchRoster(RosterParser.ParseOrThrow(json));
    }

    private static string Person(string id, string team, string role) =>
        $$"""{ "id": "{{id}}", "team": "{{team}}", "role": "{{role}}", "skills": [],"""
        + """ "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }""";
}
