namespace CxSim.Detection.Quality;

/// <summary>
/// One simulated run of the detection-quality plan: a generator, its seed, the event-time span, the part that is
/// scored (the hours before <see cref="ScoredFrom"/> are a warm-up: detectors learn, alerts are not scored) and the
/// incidents placed in the scored part. A steady run has none and measures false alerts per day.
/// </summary>
/// <param name="Id">Unique within the plan (<c>independent-07</c>, <c>steady-cx-sim-02</c>).</param>
/// <param name="Generator"><see cref="IncidentPlacement.Independent"/> or <see cref="IncidentPlacement.CxSim"/>.</param>
/// <param name="Seed">The generator's seed (and the placement's).</param>
/// <param name="Start">Event time the traffic starts (an empty store before it).</param>
/// <param name="ScoredFrom">Event time scoring starts.</param>
/// <param name="End">Event time the traffic ends.</param>
/// <param name="Incidents">The incidents, in time order; empty for a steady run.</param>
public sealed record PlannedRun(
    string Id, string Generator, int Seed, DateTimeOffset Start, DateTimeOffset ScoredFrom, DateTimeOffset End,
    IReadOnlyList<PlannedIncident> Incidents)
{
    /// <summary>True when the run has no incident (it measures false alerts per steady day).</summary>
    public bool Steady => Incidents.Count == 0;

    /// <summary>The scored span in days.</summary>
    public double ScoredDays => (End - ScoredFrom).TotalDays;
}
