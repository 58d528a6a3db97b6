using CxServerless.Domain.Events;
using CxSim.Generation;
using CxSim.Incidents;

namespace CxSim.Tests.Detection;

/// <summary>
/// The scenarios of the detection-quality test. Each starts on a Sunday at noon: the first twelve hours are the warm-up
/// (the detectors learn, as they would have in a running system; alerts opened then are not scored), and scoring starts
/// on Monday at midnight. Default rate (30 contacts a minute on an average weekday) with the contact-centre seasonality.
/// </summary>
internal static class DetectionScenarios
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan WarmUp = TimeSpan.FromHours(12);

    public static SimulationScenario Steady(long seed, double days) => new()
    {
        Seed = seed,
        Start = Monday - WarmUp,
        Duration = WarmUp + TimeSpan.FromDays(days),
    };

    public static SimulationScenario WithIncidents(long seed, double days, params Incident[] incidents) =>
        Steady(seed, days) with { Incidents = incidents };

    public static Incident At(IncidentKind kind, double hoursAfterMonday, double minutes, IncidentSlice slice, double? magnitude = null) =>
        new(kind, Monday.AddHours(hoursAfterMonday), Monday.AddHours(hoursAfterMonday).AddMinutes(minutes), slice, magnitude);

    public static IncidentSlice Queue(string name) => new(Queue: name);

    public static IncidentSlice Team(string name) => new(Team: name);

    public static IncidentSlice Channel(CxChannel channel) => new(Channel: channel);
}
