using CxServerless.Domain.Analytics.Alerts;
using CxSim.Incidents;

namespace CxSim.Detection;

/// <summary>Whether a labelled incident was detected, and by which alert.</summary>
/// <param name="Label">The incident.</param>
/// <param name="Alert">The first alert (by opening window end) that detects it, if any.</param>
/// <param name="RaisedAt">When the evaluation loop raised that alert (simulated processing time).</param>
public sealed record IncidentOutcome(IncidentLabel Label, Alert? Alert, DateTimeOffset? RaisedAt)
{
    /// <summary>True when an alert detected the incident.</summary>
    public bool Detected => Alert is not null;

    /// <summary>From the incident's start to the end of the alert's opening window (event time).</summary>
    public TimeSpan? OpenDelay => Alert is null ? null : Alert.OpenedAt - Label.Start;

    /// <summary>From the incident's start to when the loop raised the alert (adds lateness and the loop's period).</summary>
    public TimeSpan? RaiseDelay => RaisedAt - Label.Start;
}
