using System.CommandLine;
using System.Globalization;
using CxServerless.Domain;
using CxServerless.Domain.Events;
using CxSim.Generation;
using CxSim.Incidents;
using CxSim.Running;
using CxSim.Sending;

namespace CxSim.Cli;

/// <summary>
/// Turns parsed options (all read as text) and environment variables into <see cref="CliSettings"/>, collecting a clear
/// message for every bad value instead of stopping at the first.
/// </summary>
internal sealed class SettingsResolver(CxSimOptions options, ParseResult parse, Func<string, string?> environment, DateTimeOffset now)
{
    /// <summary>The default average rate: a few events per second, enough to bring the dashboard alive.</summary>
    public const double DefaultRate = 5;

    /// <summary>Contacts per minute when no rate is given and pacing is off.</summary>
    public const double DefaultContactsPerMinuteUnpaced = 30;

    /// <summary>The default warm-up: long enough for calls, chats and surveys to be in progress at the start.</summary>
    public static readonly TimeSpan DefaultWarmUp = TimeSpan.FromHours(6);

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public CliSettings? Resolve()
    {
        var speed = Speed();
        var volume = VolumeRequest(speed);
        var duration = Duration(options.Duration);
        var count = Integer(options.Count, 1, long.MaxValue, null);
        var warmUp = parse.GetValue(options.WarmUp) is "0" ? TimeSpan.Zero : Duration(options.WarmUp) ?? DefaultWarmUp;
        var utcOffset = Offset();
        var start = Start(speed, duration);
        var channels = Channels();
        var queues = Queues();
        var regions = List(options.Regions, SimulationScenario.DefaultRegions);
        var malformed = Share(options.Malformed, 0.5);
        var pii = Share(options.Pii, 1);
        var seed = Integer(options.Seed, 0, long.MaxValue, now.ToUnixTimeMilliseconds() % 1_000_000)!.Value;
        var run = new RunOptions
        {
            Speed = speed,
            MaxEvents = count,
            BatchSize = (int)Integer(options.BatchSize, 1, 5000, 100)!.Value,
            Concurrency = (int)Integer(options.Concurrency, 1, 64, 2)!.Value,
        };
        var retry = RetryPolicy.Default with
        {
            MaxAttempts = (int)Integer(options.MaxAttempts, 1, 20, RetryPolicy.Default.MaxAttempts)!.Value,
        };
        var progress = Progress();
        var interval = Duration(options.ProgressInterval) ?? TimeSpan.FromSeconds(10);
        var (restTarget, sdkTarget) = Destination();
        var incidents = Incidents(start, utcOffset);
        if (_errors.Count > 0)
        {
            return null;
        }

        var scenario = new SimulationScenario
        {
            Seed = seed,
            Start = start,
            Duration = duration,
            WarmUp = warmUp,
            Channels = channels,
            Queues = queues,
            Regions = regions,
            Curve = parse.GetValue(options.Flat) ? IntradayCurve.Flat : IntradayCurve.ContactCentre(utcOffset),
            Incidents = incidents,
            MalformedShare = malformed,
            PiiShare = pii,
        };
        try
        {
            scenario.Validate();
        }
        catch (ArgumentException ex)
        {
            Error(ex.Message.Split(" (Parameter", 2)[0]);
            return null;
        }

        var (contactsPerMinute, rateText) = Volume(scenario, speed, volume);
        var labels = parse.GetValue(options.Labels) ?? (incidents.Count > 0 ? "cx-sim-labels.jsonl" : null);
        return new CliSettings(scenario with { ContactsPerMinute = contactsPerMinute }, run, restTarget, sdkTarget, retry, labels,
            parse.GetValue(options.SummaryJson), progress, interval, rateText);
    }

    private void Error(string message) => _errors.Add(message);

    private double Speed()
    {
        var text = parse.GetValue(options.Speed);
        if (text is null)
        {
            return 1;
        }

        if (string.Equals(text, "max", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (CxSimOptions.TryNumber(text.TrimEnd('x', 'X'), out var speed) && speed > 0)
        {
            return speed;
        }

        Error($"--speed must be a positive number (simulated seconds per wall second) or 'max', not '{text}'.");
        return 1;
    }

    /// <summary>Reads --rate / --contacts-per-minute: exactly one of the two results is set.</summary>
    private (double? Rate, double? ContactsPerMinute) VolumeRequest(double speed)
    {
        var rateText = parse.GetValue(options.Rate);
        var cpmText = parse.GetValue(options.ContactsPerMinute);
        if (rateText is not null && cpmText is not null)
        {
            Error("Give either --rate or --contacts-per-minute, not both.");
            return (DefaultRate, null);
        }

        if (cpmText is not null)
        {
            if (CxSimOptions.TryNumber(cpmText, out var cpm) && cpm is > 0 and < 1_000_000)
            {
                return (null, cpm);
            }

            Error($"--contacts-per-minute must be a positive number below 1,000,000, not '{cpmText}'.");
            return (null, 1);
        }

        if (double.IsPositiveInfinity(speed))
        {
            if (rateText is not null)
            {
                Error("--rate needs a finite --speed (it is a wall-clock rate); with --speed max use --contacts-per-minute.");
            }

            return (null, DefaultContactsPerMinuteUnpaced);
        }

        if (rateText is null)
        {
            return (DefaultRate, null);
        }

        if (CxSimOptions.TryNumber(rateText, out var rate) && rate is > 0 and <= 1_000_000)
        {
            return (rate, null);
        }

        Error($"--rate must be a positive number of events per second (at most 1,000,000), not '{rateText}'.");
        return (DefaultRate, null);
    }

    private static (double ContactsPerMinute, string Description) Volume(
        SimulationScenario scenario, double speed, (double? Rate, double? ContactsPerMinute) request)
    {
        if (request.ContactsPerMinute is { } cpm)
        {
            var paced = double.IsPositiveInfinity(speed) ? ", unpaced" : string.Empty;
            return (cpm, string.Create(CultureInfo.InvariantCulture, $"{cpm:0.##} contacts per simulated minute{paced}"));
        }

        var rate = request.Rate ?? DefaultRate;
        var perContact = new TrafficGenerator(scenario with { ContactsPerMinute = 1 }).EstimateEventsPerContact();
        var contactsPerMinute = rate * 60 / (speed * perContact);
        return (contactsPerMinute, string.Create(CultureInfo.InvariantCulture,
            $"{rate:0.##} events/s on average ≈ {contactsPerMinute:0.##} contacts per simulated minute × {perContact:0.#} events each"));
    }

    private TimeSpan? Duration(Option<string?> option)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var d) && d > TimeSpan.Zero)
        {
            return d;
        }

        Error($"{option.Name} must be a positive duration such as 90s, 30m, 24h or 1h30m, not '{text}'.");
        return null;
    }

    private long? Integer(Option<string?> option, long min, long max, long? fallback)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Error(max == long.MaxValue
            ? $"{option.Name} must be a whole number of at least {min}, not '{text}'."
            : $"{option.Name} must be a whole number from {min} to {max}, not '{text}'.");
        return fallback ?? min;
    }

    private double Share(Option<string?> option, double max)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return 0;
        }

        if (CxSimOptions.TryNumber(text, out var share) && share >= 0 && share <= max)
        {
            return share;
        }

        Error(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a share from 0 to {max} (e.g. 0.02), not '{text}'."));
        return 0;
    }

    private TimeSpan Offset()
    {
        var text = parse.GetValue(options.UtcOffset);
        if (text is null)
        {
            return TimeSpan.Zero;
        }

        var trimmed = text.TrimStart('+');
        if (TimeSpan.TryParseExact(trimmed.TrimStart('-'), ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var offset)
            && offset <= TimeSpan.FromHours(14))
        {
            return trimmed.StartsWith('-') ? -offset : offset;
        }

        Error($"--utc-offset must look like +01:00 or -05:00, not '{text}'.");
        return TimeSpan.Zero;
    }

    private DateTimeOffset Start(double speed, TimeSpan? duration)
    {
        var text = parse.GetValue(options.Start);
        if (text is not null)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var s))
            {
                return s.ToUniversalTime();
            }

            Error($"--start must be an ISO 8601 time such as 2026-11-23T08:00:00Z, not '{text}'.");
            return now;
        }

        // At speed 1 the simulation runs alongside the clock; faster, it replays the recent past so event times stay behind now.
        var whole = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return speed <= 1 ? whole : whole - (duration ?? TimeSpan.FromDays(1));
    }

    private List<ChannelShare> Channels()
    {
        var text = parse.GetValue(options.Channels);
        if (text is null)
        {
            return [.. ChannelShare.DefaultMix];
        }

        var result = new List<ChannelShare>();
        foreach (var (name, weight) in Pairs(text, options.Channels.Name))
        {
            if (Enum.TryParse<CxChannel>(name, ignoreCase: true, out var channel) && ChannelShare.Supported.Contains(channel))
            {
                result.Add(new ChannelShare(channel, weight ?? ChannelShare.DefaultMix.First(c => c.Channel == channel).Weight));
            }
            else
            {
                Error($"--channels: unknown channel '{name}' (known: {string.Join(", ", ChannelShare.Supported).ToLowerInvariant()}).");
            }
        }

        return result;
    }

    private List<QueueDefinition> Queues()
    {
        var text = parse.GetValue(options.Queues);
        if (text is null)
        {
            return [.. SimulationScenario.DefaultQueues];
        }

        var result = new List<QueueDefinition>();
        foreach (var (name, weight) in Pairs(text, options.Queues.Name))
        {
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            var queue = colon < 0 ? name : name[..colon];
            var team = colon < 0 ? "team-" + name : name[(colon + 1)..];
            if (queue.Length == 0 || team.Length == 0)
            {
                Error($"--queues: '{name}' needs a queue name (and optionally :team).");
                continue;
            }

            result.Add(new QueueDefinition(queue, team, weight ?? 1));
        }

        return result;
    }

    private IEnumerable<(string Name, double? Weight)> Pairs(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            Error($"{option} needs at least one entry.");
        }

        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                yield return (item, null);
            }
            else if (CxSimOptions.TryNumber(item[(eq + 1)..], out var w) && w > 0)
            {
                yield return (item[..eq].Trim(), w);
            }
            else
            {
                Error($"{option}: the weight in '{item}' must be a positive number.");
            }
        }
    }

    private List<string> List(Option<string?> option, IReadOnlyList<string> fallback)
    {
        var text = parse.GetValue(option);
        if (text is null)
        {
            return [.. fallback];
        }

        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (items.Count == 0)
        {
            Error($"{option.Name} needs at least one entry.");
        }

        return items;
    }

    private ProgressMode Progress()
    {
        var text = parse.GetValue(options.Progress);
        if (text is null)
        {
            return ProgressMode.Auto;
        }

        if (Enum.TryParse<ProgressMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !char.IsDigit(text[0]))
        {
            return mode;
        }

        Error($"--progress must be auto, live, plain or none, not '{text}'.");
        return ProgressMode.Auto;
    }

    /// <summary>
    /// Chooses the path: <c>--namespace</c> → the SDK with Entra ID; <c>--endpoint</c> or a loopback or emulator
    /// connection (cx-host, the default) → REST; a connection string to a namespace in Azure → the SDK.
    /// <c>--transport</c> overrides the last two.
    /// </summary>
    private (EventHubTarget? RestTarget, EventHubSdkTarget? SdkTarget) Destination()
    {
        var transport = Transport();
        var namespaceText = parse.GetValue(options.Namespace);
        if (namespaceText is not null)
        {
            return (null, EntraTarget(namespaceText, transport));
        }

        var givenConnection = parse.GetValue(options.Connection) ?? environment("EventHubConnection");
        var connectionText = givenConnection ?? EventHubConnection.LocalDevelopment;
        EventHubConnection connection;
        try
        {
            connection = EventHubConnection.Parse(connectionText);
        }
        catch (FormatException ex)
        {
            Error($"--connection: {ex.Message}");
            return (null, null);
        }

        Uri? endpoint = null;
        var endpointText = parse.GetValue(options.Endpoint);
        if (endpointText is not null
            && !(Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) && endpoint.Scheme is "http" or "https"))
        {
            Error($"--endpoint must be an http:// or https:// address such as http://127.0.0.1:7071, not '{endpointText}'.");
            return (null, null);
        }

        var hub = parse.GetValue(options.Hub) ?? connection.EntityPath ?? environment("CxEventHubName") ?? "cx-events";
        var sdk = transport ?? (endpoint is null && connection.IsServiceNamespace);
        if (!sdk)
        {
            return (EventHubTarget.Create(connection, endpoint, hub), null);
        }

        if (endpoint is not null)
        {
            Error("--endpoint sends with the REST API (cx-host); it cannot be combined with --transport sdk.");
        }
        else if (givenConnection is null)
        {
            Error("--transport sdk needs --namespace or a connection string (--connection or $EventHubConnection); "
                + "the default is cx-host's, which speaks only REST.");
        }
        else if (connection.SbEndpoint is null)
        {
            Error("--transport sdk needs a connection string whose Endpoint is an sb:// address.");
        }
        else if (connection.EntityPath is { } path && !string.Equals(path, hub, StringComparison.Ordinal))
        {
            Error($"--hub '{hub}' differs from the connection string's EntityPath '{path}'; give one of them.");
        }
        else
        {
            return (null, new EventHubSdkTarget(connection.SbEndpoint.Host, hub, connectionText));
        }

        return (null, null);
    }

    /// <summary>Reads --transport: true for the SDK, false for REST, null to choose by the target.</summary>
    private bool? Transport()
    {
        var text = parse.GetValue(options.Transport);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "sdk":
                return true;
            case "rest":
                return false;
            default:
                Error($"--transport must be rest or sdk, not '{text}'.");
                return null;
        }
    }

    private EventHubSdkTarget? EntraTarget(string namespaceText, bool? transport)
    {
        var errors = _errors.Count;
        if (parse.GetValue(options.Endpoint) is not null)
        {
            Error("Give either --namespace (the SDK with Entra ID) or --endpoint (the REST API, e.g. cx-host), not both.");
        }

        if (parse.GetValue(options.Connection) is not null)
        {
            Error("Give either --namespace (Entra ID) or --connection (a SAS key), not both.");
        }

        if (transport is false)
        {
            Error("--transport rest signs with a SAS key from a connection string; --namespace sends with the SDK and Entra ID.");
        }

        var hub = parse.GetValue(options.Hub);
        if (hub is null)
        {
            Error("--namespace needs --hub: the event hub to send to.");
        }

        var qualified = EventHubSdkTarget.QualifyNamespace(namespaceText);
        if (qualified is null)
        {
            Error($"--namespace must be a namespace name such as cx-prod, or a fully qualified one such as "
                + $"cx-prod{EventHubSdkTarget.PublicCloudSuffix}, not '{namespaceText}'.");
        }

        return _errors.Count > errors ? null : new EventHubSdkTarget(qualified!, hub!, ConnectionString: null);
    }

    private List<Incident> Incidents(DateTimeOffset start, TimeSpan utcOffset)
    {
        var result = new List<Incident>();
        foreach (var spec in parse.GetValue(options.Incident) ?? [])
        {
            try
            {
                result.Add(IncidentSpec.Parse(spec, start, utcOffset));
            }
            catch (FormatException ex)
            {
                Error($"--incident: {ex.Message}");
            }
        }

        var file = parse.GetValue(options.Scenario);
        if (file is not null)
        {
            try
            {
                result.AddRange(ScenarioFile.Parse(File.ReadAllText(file), start, utcOffset));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                Error($"--scenario {file}: {ex.Message}");
            }
        }

        return result;
    }
}
