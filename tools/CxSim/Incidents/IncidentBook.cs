using CxServerless.Domain.Events;

namespace CxSim.Incidents;

/// <summary>The incidents of a scenario, queried by contact attributes and event time.</summary>
public sealed class IncidentBook(IReadOnlyList<Incident> incidents)
{
    /// <summary>The incidents, in the order given.</summary>
    public IReadOnlyList<Incident> Incidents { get; } = incidents ?? throw new ArgumentNullException(nameof(incidents));

    /// <summary>The combined effect on a contact with these attributes at <paramref name="time"/>.</summary>
    public IncidentEffects EffectsAt(DateTimeOffset time, CxChannel channel, string queue, string team, string region)
    {
        var effects = IncidentEffects.None;
        foreach (var incident in Incidents)
        {
            if (incident.IsActiveAt(time) && incident.Slice.Matches(channel, queue, team, region))
            {
                effects = effects.With(incident);
            }
        }

        return effects;
    }
}
