using System.Globalization;
using CxHost.Configuration;

namespace CxServerless.Benchmarks.Live;

/// <summary>The knobs of <c>./cx bench live</c>, read from the command line.</summary>
internal sealed record LiveOptions
{
    public const string Usage =
        "usage: ./cx bench live [--duration SECONDS (180)] [--rate EVENTS_PER_SECOND (10)] [--partitions N (2)] [--probes N (10)] "
        + "[--alert-every SECONDS (2)] [--instances N (1)]";

    /// <summary>How long the dashboard pollers run; steady load runs from start-up until the last probe is seen.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>The steady load's target rate in well-formed events per second (cx-sim traffic, flat curve).</summary>
    public double Rate { get; init; } = 10;

    /// <summary>Event Hubs partitions of the local hub.</summary>
    public int Partitions { get; init; } = 2;

    /// <summary>Handler instances under cx-host (<c>--instances</c>).</summary>
    public int Instances { get; init; } = 1;

    /// <summary>Alert probes to inject.</summary>
    public int Probes { get; init; } = 10;

    /// <summary>The alert evaluator's timer period, as NCRONTAB seconds (1 or 2 are the sensible values).</summary>
    public int AlertEverySeconds { get; init; } = 2;

    /// <summary>
    /// host.json's <c>extensions.eventHubs.batchCheckpointFrequency</c> for this run; null keeps the app's own value. Only the
    /// soak sets it (<c>--checkpoint-frequency</c>): every checkpoint is a blob write, and Azurite's blob extent clean-up
    /// grows with them.
    /// </summary>
    public int? BatchCheckpointFrequency { get; init; }

    /// <summary>The NCRONTAB schedule given to <c>CxAlertSchedule</c>.</summary>
    public string AlertSchedule => $"*/{AlertEverySeconds.ToString(CultureInfo.InvariantCulture)} * * * * *";

    /// <summary>Parses the arguments; returns null and an error for anything unknown or out of range.</summary>
    public static LiveOptions? TryParse(string[] args, out string? error)
    {
        var options = new LiveOptions();
        error = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length
                || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || value <= 0)
            {
                error = $"{args[i]} needs a positive number";
                return null;
            }

            switch (args[i])
            {
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(value) };
                    break;
                case "--rate":
                    options = options with { Rate = value };
                    break;
                case "--partitions":
                    options = options with { Partitions = (int)value };
                    break;
                case "--probes":
                    options = options with { Probes = (int)value };
                    break;
                case "--instances":
                    options = options with { Instances = (int)value };
                    break;
                case "--alert-every":
                    options = options with { AlertEverySeconds = (int)value };
                    break;
                default:
                    error = $"unknown option {args[i]}";
                    return null;
            }
        }

        error = options.Duration < TimeSpan.FromSeconds(60) ? "--duration must be at least 60 seconds"
            : options.Partitions is < 1 or > 32 ? "--partitions must be 1-32"
            : options.Instances is < 1 or > ScaleOutOptions.MaxInstances ? $"--instances must be 1-{ScaleOutOptions.MaxInstances}"
            : options.AlertEverySeconds is < 1 or > 59 ? "--alert-every must be 1-59 seconds"
            : options.Rate > 5000 ? "--rate must be at most 5000"
            : null;
        return error is null ? options : null;
    }
}
