using CxServerless.Domain.Escalation;
using CxServerless.Workflows.Escalation;

namespace CxServerless.Workflows.Tests.Escalation;

/// <summary>A roster that does not change, for tests.</summary>
public sealed class FixedRoster(Roster roster) : IRosterSource
{
    public Task<Roster> GetAsync(CancellationToken cancellationToken) => Task.FromResult(roster);

    /// <summary>
    /// Two teams working around the clock. Critical: a first level of seconds with a reminder, then a second level of
    /// minutes (so a loaded machine acknowledges in time); error: two levels of seconds (to reach the breach).
    /// </summary>
    public const string Fast = """
        {
          "version": "fast-1",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-1", "displayName": "Lead One", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "sup-1", "displayName": "Supervisor One", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "lead-ops", "displayName": "Ops Lead", "team": "ops", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "6s", "resolveWithin": "1h", "remindBefore": "3s", "channels": ["teams"] },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "10m", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "3s", "resolveWithin": "1h" },
                       { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "3s", "resolveWithin": "1h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ]
          }
        }
        """;
}
