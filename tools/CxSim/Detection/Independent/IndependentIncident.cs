using CxServerless.Domain.Events;

namespace CxSim.Detection.Independent;

/// <summary>One incident of <see cref="IndependentCentre"/>: what, where and when (start included, end excluded).</summary>
/// <param name="Kind">The shape.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="Magnitude">How strong (its meaning depends on <paramref name="Kind"/>).</param>
/// <param name="Queue">The queue it hits, or null.</param>
/// <param name="Team">The team it hits, or null.</param>
/// <param name="Channel">The channel it hits, or null.</param>
public sealed record IndependentIncident(
    IndependentIncidentKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    double Magnitude = 1,
    string? Queue = null,
    string? Team = null,
    CxChannel? Channel = null)
{
    /// <summary>True when <paramref name="time"/> is inside the incident.</summary>
    public bool IsActive(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>The label kind, kebab-case.</summary>
    public string KindName => Kind switch
    {
        IndependentIncidentKind.HandleTimeSurge => "handle-time-surge",
        IndependentIncidentKind.QueueOutage => "queue-outage",
        IndependentIncidentKind.CsatDip => "channel-csat-dip",
        IndependentIncidentKind.AbandonmentSurge => "patience-drop",
        IndependentIncidentKind.VolumeSurge => "volume-surge",
        _ => "wait-creep",
    };

    /// <summary>The KPIs (label names, docs/cx-sim.md) the incident moves, the primary one first.</summary>
    public IReadOnlyList<string> Affects => Kind switch
    {
        IndependentIncidentKind.HandleTimeSurge => ["average-handle-time"],
        IndependentIncidentKind.QueueOutage =>
            ["service-level", "abandonment-rate", "average-speed-of-answer", "first-response-time", "backlog"],
        IndependentIncidentKind.CsatDip => ["csat", "nps", "customer-effort"],
        IndependentIncidentKind.AbandonmentSurge => ["abandonment-rate", "service-level"],
        IndependentIncidentKind.VolumeSurge =>
            ["contact-volume", "average-speed-of-answer", "service-level", "abandonment-rate", "first-response-time"],
        _ => ["average-speed-of-answer", "service-level", "abandonment-rate", "first-response-time"],
    };
}
