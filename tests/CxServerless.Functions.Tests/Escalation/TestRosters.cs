namespace CxServerless.Functions.Tests.Escalation;

/// <summary>Routing files for tests: everyone works around the clock.</summary>
internal static class TestRosters
{
    public const string AroundTheClock = """
        {
          "version": "test-1",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-1", "displayName": "Lead One", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "sup-1", "displayName": "Supervisor One", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ]
          }
        }
        """;
}
