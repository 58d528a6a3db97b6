using CxServerless.Domain.Events;

namespace CxSim.Detection.Quality;

/// <summary>
/// The placement script of the detection-quality harness: from a seed list alone, and before any traffic is generated
/// or scored, it decides every run and every incident (kind, start, slice, strength, duration) with a seeded
/// <see cref="Random"/> per run. The same seeds and options always give the same plan.
/// </summary>
public static class IncidentPlacement
{
    /// <summary>The independent generator (<see cref="Independent.IndependentCentre"/>).</summary>
    public const string Independent = "independent";

    /// <summary>cx-sim's generator (<see cref="Generation.TrafficGenerator"/>), on which the rules were tuned.</summary>
    public const string CxSim = "cx-sim";

    /// <summary>The longest incident the placement draws, in minutes.</summary>
    public const int LongestMinutes = 90;

    private static readonly Slice AllTraffic = new(null, null, null);

    private static readonly KindSpec[] IndependentKinds =
    [
        new("handle-time-surge", 20, 60, [AllTraffic, Team("team-payments"), Team("team-support"), Team("team-onboarding")]),
        new("queue-outage", 20, 45, [Queue("payments"), Queue("support"), Queue("onboarding")]),
        new("channel-csat-dip", 45, LongestMinutes,
            [AllTraffic, Channel(CxChannel.Voice), Channel(CxChannel.Chat), Channel(CxChannel.Email)]),
        new("patience-drop", 20, 60, [AllTraffic, Queue("payments"), Queue("support"), Queue("onboarding")]),
        new("volume-surge", 20, 60, [AllTraffic, Queue("payments"), Queue("support"), Queue("onboarding")]),
        new("wait-creep", 30, 60, [AllTraffic, Queue("payments"), Queue("support"), Queue("onboarding")]),
    ];

    private static readonly KindSpec[] CxSimKinds =
    [
        new("wait-spike", 20, 60, [AllTraffic, Queue("billing"), Queue("tech-support"), Queue("sales"), Queue("retention"),
            Team("team-billing"), Channel(CxChannel.Voice), Channel(CxChannel.Chat)]),
        new("abandonment-surge", 20, 60, [AllTraffic, Queue("billing"), Queue("tech-support"), Queue("sales"), Channel(CxChannel.Voice)]),
        new("csat-dip", 45, LongestMinutes, [AllTraffic, Team("team-billing"), Team("team-tech"), Team("team-sales")]),
        new("dead-queue", 20, 45, [Queue("billing"), Queue("tech-support"), Queue("sales"), Queue("retention"), Team("team-tech")]),
    ];

    /// <summary>
    /// One incident run per seed and generator, then one steady run per steady seed and generator: the plan.
    /// </summary>
    public static IReadOnlyList<PlannedRun> Place(
        IReadOnlyList<int> incidentSeeds,
        IReadOnlyList<string> generators,
        IReadOnlyList<int> steadySeeds,
        PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(incidentSeeds);
        ArgumentNullException.ThrowIfNull(generators);
        ArgumentNullException.ThrowIfNull(steadySeeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var runs = new List<PlannedRun>();
        foreach (var generator in generators)
        {
            runs.AddRange(incidentSeeds.Select(seed => IncidentRun(generator, seed, options)));
        }

        foreach (var generator in generators)
        {
            runs.AddRange(steadySeeds.Select(seed => SteadyRun(generator, seed, options)));
        }

        return runs;
    }

    /// <summary>The incident run of <paramref name="generator"/> for <paramref name="seed"/>.</summary>
    public static PlannedRun IncidentRun(string generator, int seed, PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kinds = KindsOf(generator);
        var random = new Random(Mix(seed, generator, 1));
        var (start, scoredFrom) = Start(random, options);
        var slot = TimeSpan.FromHours(options.ScoredHours / options.IncidentsPerRun);
        var incidents = new List<PlannedIncident>();
        for (var i = 0; i < options.IncidentsPerRun; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var minutes = 5 * random.Next(kind.MinMinutes / 5, (kind.MaxMinutes / 5) + 1);
            var slotStart = scoredFrom + (slot * i);
            var room = (int)(slot - options.Separation - TimeSpan.FromMinutes(minutes)).TotalMinutes;
            var at = slotStart.AddMinutes(random.Next(0, room + 1));
            var strengths = IncidentStrength.For(kind.Name);
            var strength = strengths[random.Next(strengths.Count)];
            var slice = kind.Slices[random.Next(kind.Slices.Length)];
            incidents.Add(new PlannedIncident(
                kind.Name, at, at.AddMinutes(minutes), strength, IncidentStrength.Magnitude(kind.Name, strength),
                slice.Queue, slice.Team, slice.Channel));
        }

        return new PlannedRun(
            $"{generator}-{seed:D2}", generator, seed, start, scoredFrom, scoredFrom.AddHours(options.ScoredHours), incidents);
    }

    /// <summary>The steady run (no incident) of <paramref name="generator"/> for <paramref name="seed"/>.</summary>
    public static PlannedRun SteadyRun(string generator, int seed, PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = KindsOf(generator);
        var (start, scoredFrom) = Start(new Random(Mix(seed, generator, 2)), options);
        var end = scoredFrom.AddHours(options.SteadyHours);
        return new PlannedRun($"steady-{generator}-{seed:D2}", generator, seed, start, scoredFrom, end, []);
    }

    private static (DateTimeOffset Start, DateTimeOffset ScoredFrom) Start(Random random, PlacementOptions options)
    {
        var scoredFrom = options.Week.AddDays(random.Next(7)).AddHours(random.Next(24));
        return (scoredFrom.AddHours(-options.WarmUpHours), scoredFrom);
    }

    private static KindSpec[] KindsOf(string generator) => generator switch
    {
        Independent => IndependentKinds,
        CxSim => CxSimKinds,
        _ => throw new ArgumentException($"Unknown generator '{generator}'.", nameof(generator)),
    };

    // A seed of its own per run and purpose, stable across .NET versions (no string.GetHashCode).
    private static int Mix(int seed, string generator, int purpose)
    {
        var h = (uint)seed * 2654435761u;
        foreach (var c in generator)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)((h ^ ((uint)purpose * 374761393u)) & 0x7FFFFFFF);
    }

    private static Slice Queue(string name) => new(name, null, null);

    private static Slice Team(string name) => new(null, name, null);

    private static Slice Channel(CxChannel channel) => new(null, null, channel);

    private sealed record Slice(string? Queue, string? Team, CxChannel? Channel);

    private sealed record KindSpec(string Name, int MinMinutes, int MaxMinutes, Slice[] Slices);
}
