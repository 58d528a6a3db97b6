using System.Globalization;
using CxSim.Incidents;

namespace CxSim.Generation.Conversations;

/// <summary>What every conversation script shares: the incidents in force and the agent roster.</summary>
internal sealed class ScriptContext(IncidentBook incidents)
{
    private const int AgentsPerTeam = 15;

    public IncidentBook Incidents { get; } = incidents;

    public IncidentEffects EffectsAt(ContactPlan contact, DateTimeOffset time) =>
        Incidents.EffectsAt(time, contact.Channel, contact.Queue.Name, contact.Queue.Team, contact.Region);

    /// <summary>A pseudonymous agent key from the queue's team.</summary>
    public static string AgentFor(ContactPlan contact, SimRandom random)
    {
        var n = random.Next(AgentsPerTeam);
        return "agt-" + StableHash.Hex(string.Create(CultureInfo.InvariantCulture, $"{contact.Queue.Team}/{contact.Region}/{n}"), 10);
    }
}
