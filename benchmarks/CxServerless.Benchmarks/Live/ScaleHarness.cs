using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CxHost.EventHubs;
using CxServerless.Testing;
using CxSim.Generation;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// End-to-end throughput with 1 and with 2 instances in one run: the real app under cx-host on Azurite draining the
/// same backlog of cx-sim events (generated once, offline, written into the hub's event log before cx-host starts),
/// timed from the moment the instances are ready until the ingestion counters account for every event (stored,
/// duplicate or quarantined). A backlog, not a live sender, because the local send API (one cx-host writing the log
/// to Azurite) is slower than ingestion and would hide what a second instance adds. The baseline is the 1-instance
/// run; the figure is the ratio. <c>./cx bench scale [--events 20000] [--partitions 4] [--instances 2]</c>.
/// </summary>
public sealed class ScaleHarness : ILoadHarness
{
    /// <inheritdoc />
    public string Name => "scale";

    /// <inheritdoc />
    public string Description =>
        "end-to-end throughput (send → stored) with 1..N instances on this machine, ratio to 1 instance "
        + "(--events 20000 --partitions 4 --instances 2)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var (events, partitions, maxInstances) = (20000, 4, 2);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--events": events = value; break;
                case "--partitions": partitions = value; break;
                case "--instances": maxInstances = value; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        var batch = Generate(events);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var results = new List<(int Instances, long Accepted, double SendSeconds, double Seconds, long PeakRss)>();
        try
        {
            for (var n = 1; n <= maxInstances; n++)
            {
                var options = new LiveOptions { Partitions = partitions, Instances = n };
                var prefill = Stopwatch.StartNew();
                await using var app = await LiveApp.StartAsync(
                    azurite, options, beforeStart: hub => PrefillAsync(azurite, hub, batch, partitions));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {n} instance(s): backlog written and cx-host started in {prefill.Elapsed.TotalSeconds:0.0} s"));
                results.Add(await MeasureAsync(app, batch.Count, n));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {n} instance(s): {results[^1].Accepted} events in {results[^1].Seconds:0.0} s"));
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        Print(results, partitions);
        return 0;
    }

    private static List<SimulatedEvent> Generate(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var scenario = new SimulationScenario
        {
            Seed = 15,
            Start = now - TimeSpan.FromMinutes(20),
            Duration = TimeSpan.FromMinutes(20),
            WarmUp = TimeSpan.FromMinutes(30),
            ContactsPerMinute = count / 20.0 / 6,
            Curve = IntradayCurve.Flat,
        };
        return [.. new TrafficGenerator(scenario).Generate().Where(e => !e.IsMalformed).Take(count)];
    }

    /// <summary>Writes the events into the hub's log as the send API would (same partitioning), before any consumer runs.</summary>
    private static async Task PrefillAsync(AzuriteFixture azurite, string hub, List<SimulatedEvent> events, int partitions)
    {
        var log = new CxHost.EventHubs.EventLog(azurite.Tables, TimeProvider.System, partitions);
        foreach (var chunk in events.Chunk(1000))
        {
            await log.AppendAsync(hub, [.. chunk.Select(e => new IncomingEvent(e.Body, e.PartitionKey, []))], CancellationToken.None);
        }
    }

    private static async Task<(int, long, double, double, long)> MeasureAsync(LiveApp app, long events, int instances)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var memory = Enumerable.Range(0, instances).Select(i => new HandlerMemory(() => app.HandlerProcessIdOf(i))).ToList();
        using var stopSampling = new CancellationTokenSource();
        var sampling = memory.Select(m => m.RunAsync(stopSampling.Token)).ToList();
        var watch = Stopwatch.StartNew();
        var half = 0.0;
        long counted;
        while ((counted = await CountedAsync(http)) < events)
        {
            if (half == 0 && counted >= events / 2)
            {
                half = watch.Elapsed.TotalSeconds;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException($"Not every event was counted within 15 minutes ({instances} instance(s)).");
            }

            await Task.Delay(250);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await stopSampling.CancelAsync();
        await Task.WhenAll(sampling);
        return (instances, events, half, seconds, memory.Max(m => m.PeakBytes));
    }

    /// <summary>Events the ingestion counters account for: stored, duplicates and quarantined.</summary>
    private static async Task<long> CountedAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/ops/ingestion", UriKind.Relative));
        request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (body?["stored"]?.GetValue<long>() ?? 0) + (body?["duplicates"]?.GetValue<long>() ?? 0)
            + (body?["quarantinedTotal"]?.GetValue<long>() ?? 0);
    }

    private static void Print(
        List<(int Instances, long Accepted, double SendSeconds, double Seconds, long PeakRss)> results, int partitions)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Console.WriteLine();
        Console.WriteLine($"Scale benchmark: real handler ({configuration}) under cx-host, Azurite, {partitions} partitions, "
            + $"{Environment.ProcessorCount} cores (shared); the same backlog of cx-sim events each run, drained from ready.");
        Console.WriteLine("| instances | events | half counted s | all counted s | events/s | ÷ 1 instance | peak handler RSS (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var baseline = results[0].Accepted / results[0].Seconds;
        foreach (var r in results)
        {
            var rate = r.Accepted / r.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Instances} | {r.Accepted} | {r.SendSeconds:0.0} | {r.Seconds:0.0} | {rate:0} | {rate / baseline:0.00} | "
                + $"{r.PeakRss / 1048576.0:0} |"));
        }
    }
}
