using System.Globalization;
using CxHost.Configuration;

namespace CxServerless.Benchmarks.Live;

/// <summary>The knobs of <c>./cx bench soak</c>.</summary>
internal sealed record SoakOptions
{
    public const string Usage =
        "usage: ./cx bench soak [--minutes 30] [--rate EVENTS_PER_SECOND (300)] [--instances N (2)] [--warmup MINUTES (5)] "
        + "[--every SECONDS (60)] [--checkpoint-frequency BATCHES (host.json's, 1)]";

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    public double Rate { get; init; } = 300;

    public int Instances { get; init; } = 2;

    /// <summary>Growth is measured from the first sample after the warm-up.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a table row is printed.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Overrides host.json's <c>batchCheckpointFrequency</c> for the run; null keeps the app's value.</summary>
    public int? CheckpointFrequency { get; init; }

    public static SoakOptions? TryParse(string[] args, out string? error)
    {
        var options = new SoakOptions();
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

            options = args[i] switch
            {
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(value) },
                "--rate" => options with { Rate = value },
                "--instances" => options with { Instances = (int)value },
                "--warmup" => options with { WarmUp = TimeSpan.FromMinutes(value) },
                "--every" => options with { Every = TimeSpan.FromSeconds(value) },
                "--checkpoint-frequency" => options with { CheckpointFrequency = (int)value },
                _ => null!,
            };
            if (options is null)
            {
                error = $"unknown option {args[i]}";
                return null;
            }
        }

        error = options.Instances is < 1 or > ScaleOutOptions.MaxInstances ? $"--instances must be 1-{ScaleOutOptions.MaxInstances}"
            : options.WarmUp >= options.Duration ? "--warmup must be shorter than --minutes"
            : options.Rate > 5000 ? "--rate must be at most 5000"
            : options.CheckpointFrequency is > 1000 ? "--checkpoint-frequency must be at most 1000"
            : null;
        return error is null ? options : null;
    }
}
