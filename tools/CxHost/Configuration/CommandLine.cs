using System.Globalization;
using CxHost.Envelope;

namespace CxHost.Configuration;

/// <summary>
/// Parses <c>cx-host --app DIR [--port 7071] [--as ROLE] [--team TEAM] [--sim] [--handler PATH] [--storage CONNECTION]
/// [--partitions 4] [--instances 1] [--envelope double|plain]</c>.
/// </summary>
public static class CommandLine
{
    /// <summary>The usage text printed on bad arguments.</summary>
    public const string Usage =
        "usage: cx-host --app <function app dir> [--port 7071] [--as ROLE] [--team TEAM] [--sim] [--handler <executable>] " +
        "[--storage <connection string>] [--partitions 4] [--instances 1] [--envelope double|plain]";

    /// <summary>Parses <paramref name="args"/>; returns null and a reason when they are not valid.</summary>
    public static CxHostOptions? TryParse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sim = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--sim")
            {
                sim = true;
                continue;
            }

            if (name is not ("--app" or "--port" or "--as" or "--team" or "--handler" or "--storage" or "--partitions" or "--instances"
                or "--envelope"))
            {
                error = $"unknown option '{name}'";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            values[name] = args[++i];
        }

        return Build(values, sim, out error);
    }

    private static CxHostOptions? Build(Dictionary<string, string> values, bool sim, out string? error)
    {
        if (!values.TryGetValue("--app", out var app))
        {
            error = "--app is required";
            return null;
        }

        var port = 7071;
        if (values.TryGetValue("--port", out var portText)
            && !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            error = $"--port '{portText}' is not a number";
            return null;
        }

        var partitions = 4;
        if (values.TryGetValue("--partitions", out var partitionText)
            && !int.TryParse(partitionText, NumberStyles.None, CultureInfo.InvariantCulture, out partitions))
        {
            error = $"--partitions '{partitionText}' is not a number";
            return null;
        }

        var instances = 1;
        if (values.TryGetValue("--instances", out var instanceText)
            && !int.TryParse(instanceText, NumberStyles.None, CultureInfo.InvariantCulture, out instances))
        {
            error = $"--instances '{instanceText}' is not a number";
            return null;
        }

        var encoding = values.GetValueOrDefault("--envelope", "double").ToUpperInvariant() switch
        {
            "DOUBLE" => EnvelopeEncoding.DoubleEncoded,
            "PLAIN" => EnvelopeEncoding.Plain,
            _ => (EnvelopeEncoding?)null,
        };
        if (encoding is null)
        {
            error = $"--envelope '{values["--envelope"]}' is not 'double' or 'plain'";
            return null;
        }

        var options = new CxHostOptions
        {
            AppRoot = Path.GetFullPath(app),
            Port = port,
            DevelopmentRole = values.TryGetValue("--as", out var role) ? DevelopmentRoles.Canonical(role) ?? role : null,
            DevelopmentTeam = values.GetValueOrDefault("--team"),
            Simulator = sim,
            HandlerOverride = values.TryGetValue("--handler", out var handler) ? Path.GetFullPath(handler) : null,
            Storage = values.GetValueOrDefault("--storage"),
            EventHubPartitions = partitions,
            Encoding = encoding.Value,
            ScaleOut = new ScaleOutOptions { Instances = instances },
        };
        var problems = options.Validate();
        error = problems.Count > 0 ? string.Join("; ", problems) : null;
        return problems.Count > 0 ? null : options;
    }
}
