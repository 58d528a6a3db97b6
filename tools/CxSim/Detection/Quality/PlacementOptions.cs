namespace CxSim.Detection.Quality;

/// <summary>How <see cref="IncidentPlacement"/> lays out the runs of a detection-quality plan.</summary>
public sealed record PlacementOptions
{
    /// <summary>The Monday the runs are placed in (each run starts on a random day of that week).</summary>
    public DateTimeOffset Week { get; init; } = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hours of traffic before scoring starts (detectors learn; alerts are not scored).</summary>
    public double WarmUpHours { get; init; } = 6;

    /// <summary>Scored hours of an incident run.</summary>
    public double ScoredHours { get; init; } = 12;

    /// <summary>Incidents per incident run, one in each equal slot of the scored hours.</summary>
    public int IncidentsPerRun { get; init; } = 3;

    /// <summary>Scored hours of a steady run.</summary>
    public double SteadyHours { get; init; } = 24;

    /// <summary>
    /// Time kept free after an incident's end inside its slot: the longest window (60 minutes) plus the matching
    /// grace (10 minutes), so that one incident's late alerts cannot be credited to the next.
    /// </summary>
    public TimeSpan Separation { get; init; } = TimeSpan.FromMinutes(75);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (WarmUpHours < 0 || ScoredHours <= 0 || SteadyHours <= 0)
        {
            throw new ArgumentException("Hours must be positive (the warm-up may be zero).", nameof(ScoredHours));
        }

        if (IncidentsPerRun is < 1 or > 24)
        {
            throw new ArgumentException("IncidentsPerRun must be between 1 and 24.", nameof(IncidentsPerRun));
        }

        if (TimeSpan.FromHours(ScoredHours / IncidentsPerRun) < Separation + TimeSpan.FromMinutes(IncidentPlacement.LongestMinutes + 15))
        {
            throw new ArgumentException(
                "Each incident's slot must hold the longest incident plus the separation.", nameof(IncidentsPerRun));
        }
    }
}
