using CxServerless.Testing;
using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// The live picture under steady load: the real app under cx-host on Azurite, fed cx-sim traffic in real time through
/// the Event Hubs send API, watched by dashboard pollers and by the harness. It measures how far the KPI summary lags
/// event time, how long after a probe's window closes its alert row appears, and how many storage requests the KPI
/// read side makes per dashboard refresh with one and with five viewers. Baselines in the same run: the evaluator's
/// timer period, the read side's storage requests with no viewer, and the naive read cost of a 15-minute tile.
/// </summary>
public sealed class LiveKpiHarness : ILoadHarness
{
    private static readonly TimeSpan IdlePhase = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstProbe = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxProbeInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxTail = TimeSpan.FromSeconds(120);

    /// <inheritdoc />
    public string Name => "live";

    /// <inheritdoc />
    public string Description =>
        "live app under cx-sim load: KPI freshness, alert latency after window close, storage reads per refresh "
        + "(--duration --rate --partitions --probes --alert-every)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (LiveOptions.TryParse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(LiveOptions.Usage);
            return 2;
        }

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var app = await LiveApp.StartAsync(azurite, options);
            var result = await MeasureAsync(app, azurite, options);
            new LiveReport(options, result).Print();
            return result.Probes.All(p => p.SeenAt is not null) ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<LiveResult> MeasureAsync(LiveApp app, AzuriteFixture azurite, LiveOptions options)
    {
        var time = TimeProvider.System;
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var sim = EventHubRestSender.CreateHttpClient();
        var progress = new PartitionProgress(options.Partitions, BenchRules.AllowedLateness, BenchRules.IdleTimeout);
        var target = EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), app.BaseAddress, app.Hub);
        var sender = new TrackingSender(new EventHubRestSender(sim, target, RetryPolicy.Default, time), progress, options.Partitions, time);
        var probes = new ProbeInjector(sender, progress, time);
        var (generator, contactsPerMinute) = Generator(options, time.GetUtcNow());
        var runner = new SimulationRunner(generator, sender, new RunOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(100) }, time);

        using var stopLoad = new CancellationTokenSource();
        using var stopWatch = new CancellationTokenSource();
        var memory = new HandlerMemory(() => app.HandlerProcessId);
        var sampling = memory.RunAsync(stopWatch.Token);
        var loadStarted = time.GetUtcNow();
        var load = runner.RunAsync(stopLoad.Token);
        var watcher = new AlertWatcher(azurite.Tables.GetTableClient(app.AlertsTable), probes, time).RunAsync(stopWatch.Token);
        try
        {
            await WaitUntilFlowingAsync(http, time);
            var start = time.GetUtcNow();
            var injecting = InjectProbesAsync(probes, options, time, stopLoad.Token);
            var phases = await PollPhasesAsync(http, options, time);
            await injecting;
            await WaitForProbesAsync(probes, time);
            var loadSeconds = (time.GetUtcNow() - loadStarted).TotalSeconds;
            var probeEvents = probes.Probes.Count(p => p.PostedAt is not null) * 5;
            return new LiveResult(
                phases,
                probes.Probes,
                (sender.SentEvents - probeEvents) / loadSeconds,
                contactsPerMinute,
                sender.FailedEvents,
                time.GetUtcNow() - start,
                memory.PeakBytes,
                memory.LastBytes,
                memory.Processes);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await load;
            await stopWatch.CancelAsync();
            await watcher;
            await sampling;
        }
    }

    /// <summary>
    /// cx-sim traffic at the requested rate: default channels and queues, a flat curve, event time = wall time. The
    /// contacts per minute are calibrated by generating ten minutes offline (pure and fast) and scaling to the target,
    /// because conversations spread their events over a long time and the steady rate is hard to predict otherwise.
    /// </summary>
    internal static (TrafficGenerator Generator, double ContactsPerMinute) Generator(LiveOptions options, DateTimeOffset now)
    {
        var sample = TimeSpan.FromMinutes(10);
        var guess = Scenario(now, 60);
        var produced = new TrafficGenerator(guess with { Duration = sample }).Generate().Count(e => !e.IsMalformed);
        var contactsPerMinute = 60 * options.Rate / (produced / sample.TotalSeconds);
        return (new TrafficGenerator(Scenario(now, contactsPerMinute)), contactsPerMinute);
    }

    /// <summary>A warm-up makes conversations already in progress at the start, so the rate is steady from the first second.</summary>
    private static SimulationScenario Scenario(DateTimeOffset now, double contactsPerMinute) => new()
    {
        Seed = 6,
        Start = now,
        WarmUp = TimeSpan.FromMinutes(30),
        ContactsPerMinute = contactsPerMinute,
        Curve = IntradayCurve.Flat,
    };

    /// <summary>Waits (at most 60 s) until the summary shows events, so the measurement starts with ingestion flowing.</summary>
    private static async Task WaitUntilFlowingAsync(HttpClient http, TimeProvider time)
    {
        var poller = new SummaryPoller(http, 0, time);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var flowing = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var polling = poller.RunAsync(TimeSpan.Zero, flowing.Token);
        while (!deadline.IsCancellationRequested && !poller.Samples.Any(s => s.LagSeconds is < 10))
        {
            await Task.Delay(200);
        }

        await flowing.CancelAsync();
        await polling;
        if (!poller.Samples.Any(s => s.LagSeconds is < 10))
        {
            throw new TimeoutException("The summary showed no fresh events within 60 s of starting the load.");
        }
    }

    private static async Task InjectProbesAsync(ProbeInjector probes, LiveOptions options, TimeProvider time, CancellationToken stop)
    {
        var span = options.Duration - FirstProbe;
        var interval = TimeSpan.FromTicks(Math.Min(MaxProbeInterval.Ticks, span.Ticks / options.Probes));
        var start = time.GetUtcNow();
        for (var n = 1; n <= options.Probes && !stop.IsCancellationRequested; n++)
        {
            var due = start + FirstProbe + (interval * (n - 1));
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stop);
            }

            await probes.InjectAsync(n, stop);
        }
    }

    /// <summary>No viewer (the evaluator alone), then one poller, then five, reading the read side's counter at each boundary.</summary>
    private static async Task<IReadOnlyList<PollPhase>> PollPhasesAsync(HttpClient http, LiveOptions options, TimeProvider time)
    {
        var busy = options.Duration - IdlePhase;
        var half = TimeSpan.FromTicks(busy.Ticks / 2);
        return
        [
            await PollPhase.RunAsync("no viewer (evaluator only)", 0, IdlePhase, http, time),
            await PollPhase.RunAsync("1 viewer", 1, half, http, time),
            await PollPhase.RunAsync("5 viewers", 5, busy - half, http, time),
        ];
    }

    /// <summary>Keeps the load on until every posted probe's alert is seen, or two minutes pass.</summary>
    private static async Task WaitForProbesAsync(ProbeInjector probes, TimeProvider time)
    {
        var deadline = time.GetUtcNow() + MaxTail;
        while (probes.Probes.Any(p => p.PostedAt is not null && p.SeenAt is null) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(250);
        }
    }
}
