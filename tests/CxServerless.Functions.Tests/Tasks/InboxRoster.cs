namespace CxServerless.Functions.Tests.Tasks;

/// <summary>
/// The routing file the task inbox tests run with: two teams around the clock and SLAs of an hour, so nothing escalates
/// while a test runs. A warning that asks for the skill <c>refunds</c> goes to <c>agent-1</c> (the only agent with it);
/// any other alert on <c>queue=billing</c> goes to <c>lead-billing</c>.
/// </summary>
internal static class InboxRoster
{
    public const string Json = """
        {
          "version": "inbox-test-1",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing", "queue=sales": "sales" },
          "people": [
            { "id": "agent-1", "displayName": "Agent One", "team": "billing", "role": "Agent", "skills": ["refunds"], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "agent-2", "displayName": "Agent Two", "team": "billing", "role": "Agent", "skills": [], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "lead-billing", "displayName": "Billing Lead", "team": "billing", "role": "TeamLead", "skills": [], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "lead-sales", "displayName": "Sales Lead", "team": "sales", "role": "TeamLead", "skills": [], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "sup-1", "displayName": "Supervisor One", "team": "ops", "role": "Supervisor", "skills": [], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "ops-1", "displayName": "Ops One", "team": "ops", "role": "OpsAdmin", "skills": [], "shift": {
              "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h", "channels": ["teams"] },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "warning": [ { "role": "Agent", "acknowledgeWithin": "1h", "resolveWithin": "1h" },
                         { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ]
          }
        }
        """;
}
