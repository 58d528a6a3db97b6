using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CxServerless.Domain.Analytics.Rules;
using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>
/// Detection quality measured independently of tuning (issue 13, docs/alert-rules.md): freezes the rules file and the
/// incident plan (SHA-256 of both, written before any traffic exists), replays every planned run under the shipped rules
/// and under a static-threshold baseline, sends a subset through the handler's storage path on Azurite with restarts,
/// runs one recalibration on mis-set thresholds, and writes a Markdown and JSON report.
/// <c>./cx bench detection [--seeds 20] [--steady 4] [--storage 2]</c>.
/// </summary>
public sealed class DetectionHarness : ILoadHarness
{
    /// <inheritdoc />
    public string Name => "detection";

    /// <inheritdoc />
    public string Description =>
        "detection quality on frozen rules and a scripted incident plan: strict precision, recall by strength, false alerts per "
        + "steady day, vs a static baseline; storage path with restarts on a subset; recalibration (--seeds 20 --steady 4 --storage 2)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (DetectionOptions.TryParse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(DetectionOptions.Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var root = RepositoryRoot();
        var rulesPath = Path.GetFullPath(Path.Combine(root, options.Rules));
        var rulesBytes = await File.ReadAllBytesAsync(rulesPath);
        var rulesJson = System.Text.Encoding.UTF8.GetString(rulesBytes);
        var staticJson = RulesTransforms.StaticOnly(rulesJson);
        var shipped = RuleSetParser.ParseOrThrow(rulesJson);
        var baseline = RuleSetParser.ParseOrThrow(staticJson);

        // Freeze: the rules and the plan (labels included) are hashed and written before any traffic is generated.
        var runs = IncidentPlacement.Place(
            [.. Enumerable.Range(options.SeedBase + 1, options.Seeds)],
            options.Generators,
            [.. Enumerable.Range(options.SeedBase + 101, options.Steady)],
            options.Placement);
        var planText = PlanFile.Write(runs);
        var outDir = Path.GetFullPath(Path.Combine(root, options.Out));
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "plan.json"), planText);
        var freeze = new Freeze(
            Path.GetRelativePath(root, rulesPath), FrozenHash.Of(rulesBytes), shipped.Version, FrozenHash.Of(staticJson),
            FrozenHash.Of(planText),
            "dotnet run --project benchmarks/CxServerless.Benchmarks -c Release -- detection " + string.Join(' ', args));
        await File.WriteAllTextAsync(Path.Combine(outDir, "freeze.txt"), freeze.ToText());
        Console.WriteLine(freeze.ToText());
        Console.WriteLine($"{runs.Count} runs, {runs.Sum(r => r.Incidents.Count)} incidents; {Environment.ProcessorCount} cores (shared).");

        // The storage subset runs alongside the in-memory bulk: it waits on Azurite, the bulk on the CPU.
        var storageRuns = runs.Where(r => r.Generator == IncidentPlacement.Independent && !r.Steady).Take(options.Storage).ToList();
        var storageTask = storageRuns.Count == 0 ? Task.FromResult<List<StoredRun>>([]) : Task.Run(async () =>
        {
            await using var azurite = await PrivateAzurite.StartAsync(root);
            var stored = new List<StoredRun>();
            foreach (var run in storageRuns)
            {
                stored.Add(await ThroughStorageAsync(azurite.ConnectionString, rulesJson, shipped, run, options.RestartHours));
            }

            return stored;
        });

        var results = new ConcurrentBag<RunResult>();
        await Parallel.ForEachAsync(
            runs.OrderByDescending(r => r.End - r.Start),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel },
            (run, _) =>
            {
                var result = Replay(run, shipped, baseline);
                results.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {run.Id}: {result.Events} events, {result.Seconds:F0} s; "
                    + $"shipped {Brief(result.Shipped)}; static {Brief(result.Static)}"));
                return ValueTask.CompletedTask;
            });
        var ordered = runs.Select(r => results.Single(x => x.Run.Id == r.Id)).ToList();
        var storage = (await storageTask).Select(s => s.Compare(ordered.Single(r => r.Run.Id == s.Run.Id))).ToList();
        foreach (var s in storage)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  storage {s.Run.Id}: {s.Passes} passes, {s.Restarts.Count} restarts, {s.Seconds:F0} s; alerts both {s.Both.Count}, "
                + $"only storage {s.OnlyStorage.Count}, only memory {s.OnlyMemory.Count}"));
        }

        RecalibrationResult? recalibration = null;
        if (options.Recalibration)
        {
            var started = clock.Elapsed;
            recalibration = RecalibrationAtWork.Run(rulesJson, options.Placement);
            Console.WriteLine($"  recalibration: {(clock.Elapsed - started).TotalSeconds:F0} s");
        }

        var report = new DetectionReport(freeze, options, ordered, storage, recalibration, clock.Elapsed);
        var markdown = report.ToMarkdown();
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.json"), report.ToJson());
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Report: {Path.Combine(outDir, "report.md")} (and report.json, plan.json, freeze.txt)");
        return 0;
    }

    private static RunResult Replay(PlannedRun run, RuleSet shipped, RuleSet baseline)
    {
        var watch = Stopwatch.StartNew();
        var events = PlannedTraffic.Events(run).ToList();
        var labels = PlannedTraffic.Labels(run);
        var cells = PlannedTraffic.Cells(run);
        var matching = new MatchingRule(MatchingRule.DefaultGrace, run.ScoredFrom);
        DetectionScore Score(RuleSet rules)
        {
            var replay = new AlertReplay(rules, new ReplayOptions { ThroughIngestion = false });
            replay.Run(events);
            return DetectionScorer.Score(labels, replay.Transitions, rules, cells, matching);
        }

        var shippedScore = Score(shipped);
        var staticScore = Score(baseline);
        return new RunResult(run, shippedScore, staticScore, events.Count, watch.Elapsed.TotalSeconds);
    }

    private static async Task<StoredRun> ThroughStorageAsync(
        string connectionString, string rulesJson, RuleSet shipped, PlannedRun run, double restartHours)
    {
        var watch = Stopwatch.StartNew();
        var events = PlannedTraffic.Events(run).ToList();
        var storageRun = new StorageEvaluatorRun(
            connectionString, rulesJson, run.Seed, restartHours,
            line => Console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"    storage {run.Id}: {line} ({watch.Elapsed.TotalMinutes:F1} min)")));
        var stored = await storageRun.RunAsync(events, CancellationToken.None);
        var score = DetectionScorer.Score(
            PlannedTraffic.Labels(run),
            stored,
            shipped,
            PlannedTraffic.Cells(run),
            new MatchingRule(MatchingRule.DefaultGrace, run.ScoredFrom));
        return new StoredRun(run, score, [.. storageRun.RestartTimes], storageRun.Passes, watch.Elapsed.TotalSeconds);
    }

    private static string Brief(DetectionScore s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Incidents.Count(i => i.Detected)}/{s.Incidents.Count} detected, "
        + $"{s.Alerts.Count(a => a.ContainsIncident)}/{s.Alerts.Count} strict");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (no CxServerless.sln above the current directory).");
    }
}
