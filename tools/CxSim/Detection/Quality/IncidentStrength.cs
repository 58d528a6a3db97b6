namespace CxSim.Detection.Quality;

/// <summary>
/// How a strength (a multiple of a generator's default effect) becomes the generator's magnitude, per incident kind.
/// For multiplicative kinds the excess over 1 is scaled: a wait spike's default ×4 at strength 0.5 is ×2.5, at 2 it is
/// ×7. Shares are scaled and capped at 1. An all-or-nothing kind (cx-sim's dead queue) has only strength 1; the
/// independent queue outage blocks that share of contacts, so it has 0.5 and 1.
/// </summary>
public static class IncidentStrength
{
    /// <summary>The strengths the placement draws from for most kinds.</summary>
    public static IReadOnlyList<double> Standard { get; } = [0.5, 1, 1.5, 2];

    /// <summary>The strengths a kind can take.</summary>
    public static IReadOnlyList<double> For(string kind) => kind switch
    {
        "queue-outage" or "csat-dip" => [0.5, 1],
        "dead-queue" => [1],
        _ => Standard,
    };

    /// <summary>The generator magnitude of <paramref name="kind"/> at <paramref name="strength"/>.</summary>
    /// <exception cref="ArgumentException">An unknown kind.</exception>
    public static double Magnitude(string kind, double strength) => kind switch
    {
        // IndependentCentre (defaults as in DetectionQualityTests: 2, 1, 1, 6, 2.5, 8).
        "handle-time-surge" => 1 + (strength * 1),
        "queue-outage" => Math.Min(1, strength),
        "channel-csat-dip" => strength,
        "patience-drop" => 1 + (strength * 5),
        "volume-surge" => 1 + (strength * 1.5),
        "wait-creep" => 1 + (strength * 7),

        // cx-sim (Incident.DefaultMagnitude: 4, 0.7, 5; a dead queue has none).
        "wait-spike" => 1 + (strength * 3),
        "csat-dip" => Math.Min(1, 0.7 * strength),
        "abandonment-surge" => 1 + (strength * 4),
        "dead-queue" => 1,
        _ => throw new ArgumentException($"Unknown incident kind '{kind}'.", nameof(kind)),
    };
}
