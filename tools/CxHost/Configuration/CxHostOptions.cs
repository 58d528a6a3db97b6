namespace CxHost.Configuration;

/// <summary>What cx-host runs and how; built from the command line (<see cref="CommandLine"/>) or by tests.</summary>
public sealed record CxHostOptions
{
    /// <summary>The function app root: the folder holding <c>host.json</c> and one folder per function.</summary>
    public required string AppRoot { get; init; }

    /// <summary>The port cx-host serves HTTP functions and the Event Hubs send API on (0 picks a free port).</summary>
    public int Port { get; init; } = 7071;

    /// <summary>The development role to present to HTTP functions when a request has no principal; null for none.</summary>
    public string? DevelopmentRole { get; init; }

    /// <summary>
    /// The team claim of development agents and team leads (<c>--team</c>); null means
    /// <see cref="Http.DevelopmentPrincipal.DefaultTeam"/>. The <c>cx-dev-team</c> cookie overrides it per request.
    /// </summary>
    public string? DevelopmentTeam { get; init; }

    /// <summary>Start the traffic simulator (cx-sim) once the handler is ready.</summary>
    public bool Simulator { get; init; }

    /// <summary>A handler executable (or <c>.dll</c>) that replaces <c>customHandler.description.defaultExecutablePath</c>.</summary>
    public string? HandlerOverride { get; init; }

    /// <summary>A storage connection string that replaces every development-storage connection of the app.</summary>
    public string? Storage { get; init; }

    /// <summary>The number of partitions of each local event hub.</summary>
    public int EventHubPartitions { get; init; } = 4;

    /// <summary>How invocation values are encoded; Azure double-encodes (the default).</summary>
    public Envelope.EnvelopeEncoding Encoding { get; init; } = Envelope.EnvelopeEncoding.DoubleEncoded;

    /// <summary>How many instances run and how they share partitions and timers (<c>--instances</c>).</summary>
    public ScaleOutOptions ScaleOut { get; init; } = new();

    /// <summary>Extra environment for the handler, applied over the app settings (tests use it).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks the options and returns the problems found (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AppRoot) || !File.Exists(Path.Combine(AppRoot, "host.json")))
        {
            problems.Add($"--app: '{AppRoot}' has no host.json");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"--port: {Port} is not a TCP port");
        }

        if (EventHubPartitions is < 1 or > 32)
        {
            problems.Add($"--partitions: {EventHubPartitions} is not between 1 and 32");
        }

        if (HandlerOverride is not null && !File.Exists(HandlerOverride))
        {
            problems.Add($"--handler: '{HandlerOverride}' does not exist");
        }

        if (DevelopmentRole is not null && !DevelopmentRoles.IsKnown(DevelopmentRole))
        {
            problems.Add($"--as: '{DevelopmentRole}' is not one of {string.Join(", ", DevelopmentRoles.All)}");
        }

        if (DevelopmentTeam is not null && !Http.DevelopmentPrincipal.IsValidTeam(DevelopmentTeam))
        {
            problems.Add(
                $"--team: '{DevelopmentTeam}' is not 1 to {Http.DevelopmentPrincipal.MaxTeamLength} letters, digits, '-', '_' or '.'");
        }

        problems.AddRange(ScaleOut.Problems());
        return problems;
    }
}
