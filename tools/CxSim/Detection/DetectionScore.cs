namespace CxSim.Detection;

/// <summary>Precision, recall and false alerts of one or more replays against their labels.</summary>
/// <param name="Incidents">Every labelled incident and whether it was detected.</param>
/// <param name="Alerts">Every scored opened alert and what it is attributed to.</param>
public sealed record DetectionScore(IReadOnlyList<IncidentOutcome> Incidents, IReadOnlyList<AlertOutcome> Alerts)
{
    /// <summary>Detected incidents ÷ incidents (1 when there are none).</summary>
    public double Recall => Incidents.Count == 0 ? 1 : (double)Incidents.Count(i => i.Detected) / Incidents.Count;

    /// <summary>Alerts attributed to an incident ÷ alerts (1 when there are none).</summary>
    public double Precision => Alerts.Count == 0 ? 1 : (double)Alerts.Count(a => !a.IsFalse) / Alerts.Count;

    /// <summary>Precision when only alerts whose slice contains the whole incident slice count as true.</summary>
    public double StrictPrecision => Alerts.Count == 0 ? 1 : (double)Alerts.Count(a => a.ContainsIncident) / Alerts.Count;

    /// <summary>The alerts no incident explains.</summary>
    public IReadOnlyList<AlertOutcome> FalseAlerts => [.. Alerts.Where(a => a.IsFalse)];

    /// <summary>Several scores as one (their incidents and alerts together).</summary>
    public static DetectionScore Combine(IEnumerable<DetectionScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var all = scores.ToList();
        return new DetectionScore([.. all.SelectMany(s => s.Incidents)], [.. all.SelectMany(s => s.Alerts)]);
    }
}
