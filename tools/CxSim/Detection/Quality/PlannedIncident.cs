using CxServerless.Domain.Events;

namespace CxSim.Detection.Quality;

/// <summary>
/// One incident the placement script put into a run: its kind (the generator's kebab-case name), when, where, and how
/// strong relative to the generator's default effect.
/// </summary>
/// <param name="Kind">The kind, as the generator's labels name it (<c>handle-time-surge</c>, <c>wait-spike</c>...).</param>
/// <param name="Start">Event time it starts (inclusive).</param>
/// <param name="End">Event time it ends (exclusive).</param>
/// <param name="Strength">Multiple of the default effect: 1 is the generator's default, 0.5 half of it, 2 twice.</param>
/// <param name="Magnitude">The generator's magnitude that strength translates to (<see cref="IncidentStrength"/>).</param>
/// <param name="Queue">The queue it hits, or null.</param>
/// <param name="Team">The team it hits, or null.</param>
/// <param name="Channel">The channel it hits, or null.</param>
public sealed record PlannedIncident(
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    double Strength,
    double Magnitude,
    string? Queue = null,
    string? Team = null,
    CxChannel? Channel = null)
{
    /// <summary>The slice as text: <c>all</c> or <c>queue=billing</c>.</summary>
    public string SliceText => Queue is { } q ? "queue=" + q : Team is { } t ? "team=" + t : Channel is { } c ? "channel=" + c : "all";
}
