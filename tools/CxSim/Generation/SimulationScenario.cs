using CxSim.Incidents;

namespace CxSim.Generation;

/// <summary>
/// Everything that decides the simulated traffic. Two generators built from equal scenarios produce the same events.
/// </summary>
public sealed record SimulationScenario
{
    /// <summary>The default queues and the teams that own them.</summary>
    public static IReadOnlyList<QueueDefinition> DefaultQueues { get; } =
    [
        new("billing", "team-billing", 3),
        new("tech-support", "team-tech", 4),
        new("sales", "team-sales", 2),
        new("retention", "team-retention", 1),
    ];

    /// <summary>The default regions.</summary>
    public static IReadOnlyList<string> DefaultRegions { get; } = ["emea", "amer", "apac"];

    /// <summary>The random seed; equal seeds (and equal other settings) give equal traffic.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Event time of the start of the simulation (the first contact arrives shortly after).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>How much event time to simulate; null means without end. Events after the end are not produced.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// How long before <see cref="Start"/> contacts begin to arrive, so that conversations are already in progress at
    /// the start and the event rate is steady from the first second. Events before the start are not produced, so
    /// conversations begun during the warm-up are seen from the middle. Zero (the default) keeps every conversation whole.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>New contacts per simulated minute on an average weekday (seasonality swings around it).</summary>
    public double ContactsPerMinute { get; init; } = 30;

    /// <summary>The channels and their shares.</summary>
    public IReadOnlyList<ChannelShare> Channels { get; init; } = ChannelShare.DefaultMix;

    /// <summary>The queues, their teams and shares.</summary>
    public IReadOnlyList<QueueDefinition> Queues { get; init; } = DefaultQueues;

    /// <summary>The regions (equal shares).</summary>
    public IReadOnlyList<string> Regions { get; init; } = DefaultRegions;

    /// <summary>The seasonality of contact volume.</summary>
    public IntradayCurve Curve { get; init; } = IntradayCurve.ContactCentre(TimeSpan.Zero);

    /// <summary>The injected incidents.</summary>
    public IReadOnlyList<Incident> Incidents { get; init; } = [];

    /// <summary>Share of all produced events that are malformed (0 to 0.5). They are added, not substituted.</summary>
    public double MalformedShare { get; init; }

    /// <summary>Share of well-formed events whose free text carries personal data (0 to 1).</summary>
    public double PiiShare { get; init; }

    /// <summary>The <c>SourceSystem</c> written on every event.</summary>
    public string SourceSystem { get; init; } = "cx-sim";

    /// <summary>Event time of the end, when there is one.</summary>
    public DateTimeOffset? End => Duration is { } d ? Start + d : null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Require(ContactsPerMinute is > 0 and < 1_000_000, nameof(ContactsPerMinute), "must be greater than 0 and below 1,000,000");
        Require(Duration is null || Duration > TimeSpan.Zero, nameof(Duration), "must be positive");
        Require(Seed >= 0, nameof(Seed), "must not be negative");
        Require(WarmUp >= TimeSpan.Zero && WarmUp <= TimeSpan.FromDays(7), nameof(WarmUp), "must be between zero and seven days");
        Require(Channels.Count > 0 && Channels.All(c => c.Weight > 0 && ChannelShare.Supported.Contains(c.Channel)), nameof(Channels),
            $"needs at least one of {string.Join(", ", ChannelShare.Supported)} with a positive weight");
        Require(
            Queues.Count > 0 && Queues.All(q => q.Weight > 0 && !string.IsNullOrWhiteSpace(q.Name) && !string.IsNullOrWhiteSpace(q.Team)),
            nameof(Queues),
            "needs at least one named queue with a team and a positive weight");
        Require(Regions.Count > 0 && Regions.All(r => !string.IsNullOrWhiteSpace(r)), nameof(Regions), "needs at least one region");
        Require(MalformedShare is >= 0 and <= 0.5, nameof(MalformedShare), "must be between 0 and 0.5");
        Require(PiiShare is >= 0 and <= 1, nameof(PiiShare), "must be between 0 and 1");
        Require(Incidents.All(i => i.End > i.Start), nameof(Incidents), "each incident must end after it starts");
        Require(Incidents.All(i => i.Magnitude is null || i.Magnitude > 0), nameof(Incidents), "magnitudes must be positive");
        foreach (var incident in Incidents)
        {
            var slice = incident.Slice;
            Require(slice.Channel is null || Channels.Any(c => c.Channel == slice.Channel), nameof(Incidents),
                $"slice {slice} names a channel that is not simulated ({string.Join(", ", Channels.Select(c => c.Channel))})");
            Require(slice.Queue is null || Queues.Any(q => Same(q.Name, slice.Queue)), nameof(Incidents),
                $"slice {slice} names no configured queue ({string.Join(", ", Queues.Select(q => q.Name))})");
            Require(slice.Team is null || Queues.Any(q => Same(q.Team, slice.Team)), nameof(Incidents),
                $"slice {slice} names no configured team ({string.Join(", ", Queues.Select(q => q.Team).Distinct())})");
            Require(slice.Region is null || Regions.Any(r => Same(r, slice.Region)), nameof(Incidents),
                $"slice {slice} names no configured region ({string.Join(", ", Regions)})");
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Require(bool condition, string setting, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{setting} {message}.", setting);
        }
    }
}
