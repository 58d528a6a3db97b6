using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Testing;
using CxSim.Running;
using CxSim.Sending;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// The soak: the real app under cx-host with several instances, fed steady cx-sim traffic for a long time (30 minutes at
/// 300 events/s by default). Every instance's handler memory is sampled every 10 s; a table row is printed per interval
/// (resident memory per instance, events sent and stored, errors logged so far), then growth after warm-up per instance
/// against the 10 % aim. Not part of <c>./cx test</c>: <c>./cx bench soak [--minutes 30] [--rate 300] [--instances 2]</c>.
/// </summary>
public sealed class SoakHarness : ILoadHarness
{
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Name => "soak";

    /// <inheritdoc />
    public string Description =>
        "long steady load on N instances: handler RSS per instance over time, growth after warm-up (aim ≤ 10 %), errors logged "
        + "(--minutes 30 --rate 300 --instances 2 --warmup 5 --every 60)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (SoakOptions.TryParse(args, out var error) is not { } soak)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(SoakOptions.Usage);
            return 2;
        }

        var options = new LiveOptions
        {
            Rate = soak.Rate,
            Partitions = 4,
            Instances = soak.Instances,
            BatchCheckpointFrequency = soak.CheckpointFrequency,
        };
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var app = await LiveApp.StartAsync(azurite, options);
            return await SoakAsync(app, soak, options);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<int> SoakAsync(LiveApp app, SoakOptions soak, LiveOptions options)
    {
        var time = TimeProvider.System;
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var sim = EventHubRestSender.CreateHttpClient();
        var target = EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), app.BaseAddress, app.Hub);
        var progress = new PartitionProgress(options.Partitions, BenchRules.AllowedLateness, BenchRules.IdleTimeout);
        var sender = new TrackingSender(new EventHubRestSender(sim, target, RetryPolicy.Default, time), progress, options.Partitions, time);
        var (generator, contactsPerMinute) = LiveKpiHarness.Generator(options, time.GetUtcNow());
        var runner = new SimulationRunner(generator, sender, new RunOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(100) }, time);
        var samples = Enumerable.Range(0, app.Instances).Select(_ => new List<(TimeSpan At, long Rss)>()).ToList();
        var started = time.GetUtcNow();
        Console.WriteLine($"Soak: {app.Instances} instance(s), target {soak.Rate:0} events/s ({contactsPerMinute:0.#} contacts/min), "
            + $"{soak.Duration.TotalMinutes:0} min, warm-up {soak.WarmUp.TotalMinutes:0} min, "
            + $"batchCheckpointFrequency {soak.CheckpointFrequency?.ToString(CultureInfo.InvariantCulture) ?? "from host.json"}, "
            + $"{Environment.ProcessorCount} cores (shared).");
        Console.WriteLine(Header(app.Instances));
        using var stop = new CancellationTokenSource(soak.Duration);
        var load = runner.RunAsync(stop.Token);
        var nextRow = soak.Every;
        using var tick = new PeriodicTimer(Sample);
        try
        {
            while (await tick.WaitForNextTickAsync(stop.Token))
            {
                var at = time.GetUtcNow() - started;
                for (var i = 0; i < app.Instances; i++)
                {
                    if (HandlerMemory.ReadStatus(app.HandlerProcessIdOf(i)) is { } status)
                    {
                        samples[i].Add((at, status.Rss));
                    }
                }

                if (at >= nextRow)
                {
                    nextRow += soak.Every;
                    Console.WriteLine(await RowAsync(http, at, samples, sender, app));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await load;
        var elapsed = time.GetUtcNow() - started;
        Console.WriteLine(await RowAsync(http, elapsed, samples, sender, app));
        return Summarise(soak, samples, sender, app, elapsed);
    }

    private static int Summarise(
        SoakOptions soak, List<List<(TimeSpan At, long Rss)>> samples, TrackingSender sender, LiveApp app, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"| instance | RSS after warm-up (MB) | RSS at end (MB) | max after warm-up (MB) | growth | aim ≤ 10 % |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var ok = true;
        for (var i = 0; i < samples.Count; i++)
        {
            var after = samples[i].Where(s => s.At >= soak.WarmUp).ToList();
            if (after.Count < 2)
            {
                Console.WriteLine($"| {i} | too few samples after warm-up | | | | |");
                ok = false;
                continue;
            }

            var first = after[0].Rss;
            var last = after[^1].Rss;
            var growth = (last - first) / (double)first;
            ok &= growth <= 0.10;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i} | {Mb(first):0} | {Mb(last):0} | {Mb(after.Max(s => s.Rss)):0} | {growth * 100:+0.0;-0.0} % | "
                + $"{(growth <= 0.10 ? "yes" : "NO")} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {sender.SentEvents} events in {elapsed.TotalMinutes:0.0} min ({sender.SentEvents / elapsed.TotalSeconds:0.0}/s), "
            + $"{sender.FailedEvents} failed; errors logged: {app.Errors.Count}."));
        foreach (var line in app.Errors.First)
        {
            Console.WriteLine($"  error: {line}");
        }

        return ok && app.Errors.Count == 0 ? 0 : 1;
    }

    private static string Header(int instances) =>
        "| minute | sent | stored | " + string.Join(" | ", Enumerable.Range(0, instances).Select(i => $"RSS {i} (MB)")) + " | errors |"
        + Environment.NewLine + "|---|---|---|" + string.Concat(Enumerable.Repeat("---|", instances)) + "---|";

    private static async Task<string> RowAsync(
        HttpClient http, TimeSpan at, List<List<(TimeSpan At, long Rss)>> samples, TrackingSender sender, LiveApp app)
    {
        var stored = await StoredAsync(http);
        var rss = samples.Select(s => s.Count == 0 ? "-" : Mb(s[^1].Rss).ToString("0", CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {at.TotalMinutes:0.0} | {sender.SentEvents} | {stored} | {string.Join(" | ", rss)} | {app.Errors.Count} |");
    }

    private static async Task<string> StoredAsync(HttpClient http)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/ops/ingestion", UriKind.Relative));
            request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
            using var response = await http.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            return body?["stored"]?.GetValue<long>().ToString(CultureInfo.InvariantCulture) ?? "?";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return "?";
        }
    }

    private static double Mb(long bytes) => bytes / 1048576.0;
}
