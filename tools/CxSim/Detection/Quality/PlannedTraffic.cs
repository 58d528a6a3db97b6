using CxSim.Detection.Independent;
using CxSim.Generation;
using CxSim.Incidents;

namespace CxSim.Detection.Quality;

/// <summary>Turns a <see cref="PlannedRun"/> into its generator's traffic, labels and traffic cells.</summary>
public static class PlannedTraffic
{
    /// <summary>The incident labels of the run, from the plan alone (no traffic is generated).</summary>
    public static IReadOnlyList<IncidentLabel> Labels(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Generator == IncidentPlacement.Independent
            ? Centre(run).Labels
            : [.. CxSimIncidents(run).Select(i => i.ToLabel())];
    }

    /// <summary>Every event of the run in event-time order.</summary>
    public static IEnumerable<SimulatedEvent> Events(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Generator == IncidentPlacement.Independent
            ? Centre(run).Generate()
            : new TrafficGenerator(Scenario(run)).Generate();
    }

    /// <summary>The traffic cells of the run's generator, for strict slice matching.</summary>
    public static TrafficCells Cells(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Generator == IncidentPlacement.Independent ? IndependentCentre.Cells : new TrafficCells(Scenario(run));
    }

    private static IndependentCentre Centre(PlannedRun run) => new(
        run.Seed,
        run.Start,
        run.End - run.Start,
        incidents: [.. run.Incidents.Select(i => new IndependentIncident(
            IndependentKind(i.Kind), i.Start, i.End, i.Magnitude, i.Queue, i.Team, i.Channel))]);

    private static SimulationScenario Scenario(PlannedRun run) => new()
    {
        Seed = run.Seed,
        Start = run.Start,
        Duration = run.End - run.Start,
        Incidents = CxSimIncidents(run),
    };

    private static Incident[] CxSimIncidents(PlannedRun run) =>
    [
        .. run.Incidents.Select(i => new Incident(
            CxSimKind(i.Kind), i.Start, i.End, new IncidentSlice(i.Channel, i.Queue, i.Team), i.Kind == "dead-queue" ? null : i.Magnitude)),
    ];

    private static IndependentIncidentKind IndependentKind(string kind) => kind switch
    {
        "handle-time-surge" => IndependentIncidentKind.HandleTimeSurge,
        "queue-outage" => IndependentIncidentKind.QueueOutage,
        "channel-csat-dip" => IndependentIncidentKind.CsatDip,
        "patience-drop" => IndependentIncidentKind.AbandonmentSurge,
        "volume-surge" => IndependentIncidentKind.VolumeSurge,
        "wait-creep" => IndependentIncidentKind.WaitCreep,
        _ => throw new ArgumentException($"Not an independent incident kind: '{kind}'.", nameof(kind)),
    };

    private static IncidentKind CxSimKind(string kind) => kind switch
    {
        "wait-spike" => IncidentKind.WaitSpike,
        "csat-dip" => IncidentKind.CsatDip,
        "abandonment-surge" => IncidentKind.AbandonmentSurge,
        "dead-queue" => IncidentKind.DeadQueue,
        _ => throw new ArgumentException($"Not a cx-sim incident kind: '{kind}'.", nameof(kind)),
    };
}
