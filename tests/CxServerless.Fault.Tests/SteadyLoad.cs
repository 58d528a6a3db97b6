using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;

namespace CxServerless.Fault.Tests;

/// <summary>
/// Steady cx-sim traffic through the Event Hubs send API, in real time (event time = wall time), one batch in flight at
/// a time so that a partition's events arrive in event-time order even while the sender retries.
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    private readonly HttpClient _http = EventHubRestSender.CreateHttpClient();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SteadyLoad(Uri endpoint, string hub, double contactsPerMinute, long seed)
    {
        var time = TimeProvider.System;
        var target = EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), endpoint, hub);
        Ledger = new TrafficLedger(new EventHubRestSender(_http, target, RetryPolicy.Default, time));
        var scenario = new SimulationScenario
        {
            Seed = seed,
            Start = time.GetUtcNow(),
            WarmUp = TimeSpan.FromMinutes(10),
            ContactsPerMinute = contactsPerMinute,
            Curve = IntradayCurve.Flat,
        };
        var runner = new SimulationRunner(
            new TrafficGenerator(scenario),
            Ledger,
            new RunOptions { MaxBatchDelay = TimeSpan.FromMilliseconds(200), Concurrency = 1 },
            time);
        _running = runner.RunAsync(_stop.Token);
    }

    /// <summary>What was accepted; probes sent through it are owed too.</summary>
    public TrafficLedger Ledger { get; }

    /// <summary>Starts sending about <paramref name="contactsPerMinute"/> contacts a minute (about eight events each).</summary>
    public static SteadyLoad Start(Uri endpoint, string hub, double contactsPerMinute, long seed = 11) =>
        new(endpoint, hub, contactsPerMinute, seed);

    /// <summary>Stops sending and waits for the batch in flight.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _http.Dispose();
    }
}
