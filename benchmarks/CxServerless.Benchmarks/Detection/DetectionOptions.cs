using System.Globalization;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>The command line of <c>./cx bench detection</c>.</summary>
internal sealed record DetectionOptions
{
    public const string Usage =
        "usage: ./cx bench detection [--seeds 20] [--steady 4] [--generators independent,cx-sim] [--storage 2] [--restart-hours 3]\n"
        + "       [--warmup 6] [--hours 12] [--incidents 3] [--parallel 2] [--rules functions/rules/cx-rules.v1.json]\n"
        + "       [--out artifacts/detection] [--no-recalibration] [--seed-base 0]";

    /// <summary>
    /// Added to every seed: incident runs use seeds base+1..base+N and steady runs base+101..base+100+N. A new base gives
    /// runs no rules version was looked at while it was written (fresh data for a changed rule set); 0 is the seeds the
    /// published figures used.
    /// </summary>
    public int SeedBase { get; init; }

    /// <summary>Incident runs per generator (seeds 1..N).</summary>
    public int Seeds { get; init; } = 20;

    /// <summary>Steady runs (24 scored hours each) per generator (seeds 101..100+N).</summary>
    public int Steady { get; init; } = 4;

    /// <summary>The generators, each gets every seed.</summary>
    public IReadOnlyList<string> Generators { get; init; } = [IncidentPlacement.Independent, IncidentPlacement.CxSim];

    /// <summary>Independent incident runs that also go through the storage path (the first N seeds).</summary>
    public int Storage { get; init; } = 2;

    /// <summary>Mean simulated hours between handler restarts on the storage path.</summary>
    public double RestartHours { get; init; } = 3;

    /// <summary>The placement.</summary>
    public PlacementOptions Placement { get; init; } = new();

    /// <summary>In-memory runs at once.</summary>
    public int Parallel { get; init; } = 2;

    /// <summary>The rules file (relative to the repository root unless absolute).</summary>
    public string Rules { get; init; } = "functions/rules/cx-rules.v1.json";

    /// <summary>Where the plan and the report go (relative to the repository root unless absolute).</summary>
    public string Out { get; init; } = "artifacts/detection";

    /// <summary>False to skip the recalibration scenario.</summary>
    public bool Recalibration { get; init; } = true;

    public static DetectionOptions? TryParse(string[] args, out string? error)
    {
        var o = new DetectionOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                o = args[i] switch
                {
                    "--seeds" => o with { Seeds = Int(Next()) },
                    "--steady" => o with { Steady = Int(Next()) },
                    "--generators" => o with { Generators = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                    "--storage" => o with { Storage = Int(Next()) },
                    "--restart-hours" => o with { RestartHours = Double(Next()) },
                    "--warmup" => o with { Placement = o.Placement with { WarmUpHours = Double(Next()) } },
                    "--hours" => o with { Placement = o.Placement with { ScoredHours = Double(Next()) } },
                    "--incidents" => o with { Placement = o.Placement with { IncidentsPerRun = Int(Next()) } },
                    "--parallel" => o with { Parallel = Int(Next()) },
                    "--rules" => o with { Rules = Next() },
                    "--out" => o with { Out = Next() },
                    "--no-recalibration" => o with { Recalibration = false },
                    "--seed-base" => o with { SeedBase = Int(Next()) },
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }

        if (o.Seeds is < 1 or > 100 || o.Steady < 0 || o.Storage < 0 || o.Parallel < 1 || o.RestartHours <= 0 || o.SeedBase < 0)
        {
            error = "--seeds 1-100 and --parallel at least 1; --steady, --storage and --seed-base not negative; --restart-hours positive";
            return null;
        }

        return o;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Double(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
