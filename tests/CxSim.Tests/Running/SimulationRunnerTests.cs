using System.Text.Json;
using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;
using CxSim.Tests.Generation;
using CxSim.Tests.Sending;

namespace CxSim.Tests.Running;

public sealed class SimulationRunnerTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private RecordingEventHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RecordingEventHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_event_limit_stops_the_run_and_everything_generated_is_sent_in_order()
    {
        var generator = new TrafficGenerator(TestScenarios.Hours(1) with { Duration = null });
        var runner = Runner(generator, new RunOptions { Speed = double.PositiveInfinity, MaxEvents = 777, BatchSize = 50, Concurrency = 1 });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(StopReason.CountReached, result.StoppedBy);
        Assert.Equal((777L, 777L, 0L, 0L), (result.Counts.Generated, result.Counts.Sent, result.Counts.Failed, result.Counts.Pending));
        var bodies = _hub.Requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(i => i.GetProperty("Body").GetString())).ToList();
        Assert.Equal(generator.Generate().Take(777).Select(e => e.Body), bodies);
        Assert.All(_hub.Requests, r => Assert.InRange(JsonDocument.Parse(r.Body).RootElement.GetArrayLength(), 1, 50));
    }

    [Fact]
    public async Task Stopping_mid_run_accounts_for_every_generated_event()
    {
        _hub.Status = (n, _) => n % 3 == 0 ? 503 : 201;
        var runner = Runner(new TrafficGenerator(TestScenarios.Hours(1) with { Duration = null }),
            new RunOptions { Speed = double.PositiveInfinity, BatchSize = 20, Concurrency = 2, ShutdownGrace = TimeSpan.FromSeconds(2) });
        using var stop = new CancellationTokenSource();

        var run = runner.RunAsync(stop.Token);
        while (_hub.Requests.Count < 20 && !run.IsCompleted)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        var result = await run;

        var c = result.Counts;
        Assert.Equal(StopReason.Cancelled, result.StoppedBy);
        Assert.Equal(0, c.Pending);
        Assert.Equal(c.Generated, c.Sent + c.Failed + c.NotSent);
        Assert.True(c.Retries > 0, "the 503s were retried");
        var accepted = _hub.Requests.Where((_, i) => (i + 1) % 3 != 0).Sum(r => JsonDocument.Parse(r.Body).RootElement.GetArrayLength());
        Assert.Equal(accepted, c.Sent);
    }

    [Fact]
    public async Task Counts_by_channel_malformed_and_pii_match_what_was_sent()
    {
        var generator = new TrafficGenerator(TestScenarios.Hours(0.5) with { MalformedShare = 0.1, PiiShare = 0.2 });
        var expected = generator.Generate().ToList();

        var result = await Runner(generator, new RunOptions { Speed = double.PositiveInfinity }).RunAsync(CancellationToken.None);

        var c = result.Counts;
        Assert.Equal(StopReason.Completed, result.StoppedBy);
        Assert.Equal(expected.Count, c.Sent);
        Assert.Equal(expected.Count(e => e.IsMalformed), c.MalformedTotal);
        Assert.Equal(expected.Count(e => e.Pii != CxSim.Faults.PiiKinds.None), c.PiiEventsSent);
        Assert.Equal(expected.GroupBy(e => e.Channel).ToDictionary(g => g.Key, g => (long)g.Count()), c.SentByChannel);
        Assert.Equal(expected[^1].EventTime, c.LastEventTime);
    }

    private SimulationRunner Runner(TrafficGenerator generator, RunOptions options) =>
        new(generator, new EventHubRestSender(Http, EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), _hub.Endpoint, "cx-events"),
            new RetryPolicy(5, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), TimeProvider.System), options, TimeProvider.System);
}
