using CxServerless.Domain.Analytics.Alerts;
using CxSim.Incidents;

namespace CxSim.Detection;

/// <summary>One opened alert and the incident it is attributed to.</summary>
/// <param name="Alert">The alert as opened.</param>
/// <param name="RaisedAt">When the loop raised it.</param>
/// <param name="Incident">The incident it matches (its slice shares traffic with the incident's), or null for a false alert.</param>
/// <param name="ContainsIncident">True when its slice also contains the whole incident slice (the recall rule).</param>
public sealed record AlertOutcome(Alert Alert, DateTimeOffset RaisedAt, IncidentLabel? Incident, bool ContainsIncident)
{
    /// <summary>True when no incident explains the alert.</summary>
    public bool IsFalse => Incident is null;
}
