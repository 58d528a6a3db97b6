namespace CxSim.Detection.Quality;

/// <summary>The detection-quality figures of a set of scored runs (one rules variant).</summary>
/// <param name="Recall">Detected incidents ÷ incidents (an alert whose slice contains the incident's).</param>
/// <param name="StrictPrecision">Alerts whose slice contains an incident's slice ÷ alerts (incident runs).</param>
/// <param name="SharedPrecision">Alerts whose slice shares traffic with an incident's ÷ alerts (the lenient reading).</param>
/// <param name="RecallByStrength">Recall per strength (multiple of the default effect).</param>
/// <param name="RecallByKind">Recall per incident kind.</param>
/// <param name="SteadyFalseAlerts">False alerts per steady day.</param>
/// <param name="MissedByKpi">Missed incidents per primary label KPI.</param>
/// <param name="StrictFalseByKpi">Alerts of incident runs that contain no incident's slice, per alert KPI.</param>
/// <param name="SteadyFalseByKpi">Alerts of steady runs, per alert KPI.</param>
public sealed record QualityFigures(
    WilsonInterval Recall,
    WilsonInterval StrictPrecision,
    WilsonInterval SharedPrecision,
    IReadOnlyDictionary<double, WilsonInterval> RecallByStrength,
    IReadOnlyDictionary<string, WilsonInterval> RecallByKind,
    RateInterval? SteadyFalseAlerts,
    IReadOnlyDictionary<string, int> MissedByKpi,
    IReadOnlyDictionary<string, int> StrictFalseByKpi,
    IReadOnlyDictionary<string, int> SteadyFalseByKpi)
{
    /// <summary>
    /// The figures of <paramref name="runs"/>: incident runs give recall and precision, steady runs false alerts per day.
    /// </summary>
    public static QualityFigures Of(IReadOnlyList<ScoredRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var incidentRuns = runs.Where(r => !r.Run.Steady).ToList();
        var steadyRuns = runs.Where(r => r.Run.Steady).ToList();
        var incidents = incidentRuns
            .SelectMany(r => r.Run.Incidents.Zip(r.Score.Incidents, (planned, outcome) => (Planned: planned, Outcome: outcome)))
            .ToList();
        var alerts = incidentRuns.SelectMany(r => r.Score.Alerts).ToList();
        var steadyAlerts = steadyRuns.SelectMany(r => r.Score.Alerts).ToList();

        return new QualityFigures(
            WilsonInterval.Of(incidents.Count(i => i.Outcome.Detected), incidents.Count),
            WilsonInterval.Of(alerts.Count(a => a.ContainsIncident), alerts.Count),
            WilsonInterval.Of(alerts.Count(a => !a.IsFalse), alerts.Count),
            incidents.GroupBy(i => i.Planned.Strength).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => WilsonInterval.Of(g.Count(i => i.Outcome.Detected), g.Count())),
            incidents.GroupBy(i => i.Planned.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => WilsonInterval.Of(g.Count(i => i.Outcome.Detected), g.Count()), StringComparer.Ordinal),
            steadyRuns.Count == 0 ? null : RateInterval.Of(steadyAlerts.Count, steadyRuns.Sum(r => r.Run.ScoredDays)),
            Count(incidents.Where(i => !i.Outcome.Detected).Select(i => i.Outcome.Label.Kpi)),
            Count(alerts.Where(a => !a.ContainsIncident).Select(a => a.Alert.Kpi.ToString())),
            Count(steadyAlerts.Select(a => a.Alert.Kpi.ToString())));
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
