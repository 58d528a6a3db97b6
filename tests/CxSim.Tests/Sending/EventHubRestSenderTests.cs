using System.Text.Json;
using CxSim.Generation;
using CxSim.Sending;
using CxSim.Tests.Generation;

namespace CxSim.Tests.Sending;

public sealed class EventHubRestSenderTests : IAsyncLifetime
{
    private const string Key = "local-development-only";
    private static readonly RetryPolicy FastRetry = new(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
    private static readonly List<SimulatedEvent> Sample = [.. new TrafficGenerator(TestScenarios.Hours(0.5) with { MalformedShare = 0.1 }).Generate().Take(40)];
    private static readonly HttpClient Http = new();
    private RecordingEventHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RecordingEventHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_batch_is_posted_as_servicebus_json_with_partition_keys_and_a_valid_sas()
    {
        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.Equal(new BatchOutcome(Sample.Count, 0, 1, 201, null), outcome);
        var request = Assert.Single(_hub.Requests);
        Assert.Equal("/cx-events/messages", request.Path);
        Assert.Contains("api-version=2014-01", request.Query, StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.ContentType);

        using var body = JsonDocument.Parse(request.Body);
        var items = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(Sample.Count, items.Count);
        foreach (var (item, sent) in items.Zip(Sample))
        {
            Assert.Equal(sent.Body, item.GetProperty("Body").GetString());
            Assert.Equal(sent.PartitionKey, item.GetProperty("BrokerProperties").GetProperty("PartitionKey").GetString());
            Assert.Equal("cx-sim", item.GetProperty("UserProperties").GetProperty("Source").GetString());
            Assert.Equal("canonical", item.GetProperty("UserProperties").GetProperty("Format").GetString());
        }

        var token = SharedAccessSignatureTests.ParseToken(request.Authorization);
        Assert.Equal(Uri.EscapeDataString($"{_hub.Endpoint.AbsoluteUri}cx-events"), token["sr"]);
        Assert.Equal("local", token["skn"]);
        Assert.Equal(SharedAccessSignature.Sign(token["sr"] + "\n" + token["se"], Key), Uri.UnescapeDataString(token["sig"]));
        Assert.InRange(long.Parse(token["se"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Service_unavailable_is_retried_until_accepted()
    {
        _hub.Status = (n, _) => n <= 2 ? 503 : 201;

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.Equal((Sample.Count, 0, 3), (outcome.Sent, outcome.Failed, outcome.Requests));
        Assert.Equal(3, _hub.Requests.Count);
        Assert.Single(_hub.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Throttling_that_never_ends_fails_the_batch_after_the_last_attempt_and_counts_every_event()
    {
        _hub.Status = (_, _) => 429;

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.Equal((0, Sample.Count, FastRetry.MaxAttempts, 429), (outcome.Sent, outcome.Failed, outcome.Requests, outcome.LastStatus));
        Assert.Contains("429", outcome.Error, StringComparison.Ordinal);
        Assert.False(outcome.Unauthorized);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        _hub.Status = (_, _) => 400;

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.Equal((0, Sample.Count, 1), (outcome.Sent, outcome.Failed, outcome.Requests));
    }

    [Fact]
    public async Task Refused_credentials_are_reported_as_unauthorized()
    {
        _hub.Status = (_, _) => 401;

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.True(outcome.Unauthorized);
        Assert.Equal((0, Sample.Count, 1), (outcome.Sent, outcome.Failed, outcome.Requests));
    }

    [Fact]
    public async Task A_batch_too_large_for_the_service_is_halved_until_it_fits()
    {
        _hub.Status = (_, r) => JsonDocument.Parse(r.Body).RootElement.GetArrayLength() > 10 ? 413 : 201;

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        Assert.Equal((Sample.Count, 0), (outcome.Sent, outcome.Failed));
        var accepted = _hub.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).Where(a => a.GetArrayLength() <= 10)
            .SelectMany(a => a.EnumerateArray().Select(i => i.GetProperty("Body").GetString())).ToList();
        Assert.Equal(Sample.Select(e => e.Body), accepted);
        Assert.Equal(_hub.Requests.Count, outcome.Requests);
    }

    [Fact]
    public async Task When_only_part_of_a_halved_batch_is_accepted_the_failed_events_are_named()
    {
        var refused = Sample[0].Body;
        _hub.Status = (_, r) =>
        {
            var items = JsonDocument.Parse(r.Body).RootElement;
            return items.GetArrayLength() > 10 ? 413 : items[0].GetProperty("Body").GetString() == refused ? 400 : 201;
        };

        var outcome = await Sender().SendAsync(Sample, CancellationToken.None);

        // 40 events → 20 + 20 → 10 + 10 + 10 + 10; the first ten are refused.
        Assert.Equal((30, 10), (outcome.Sent, outcome.Failed));
        Assert.Equal(Enumerable.Range(0, 10), outcome.FailedPositions);
        Assert.False(outcome.WasSent(3));
        Assert.True(outcome.WasSent(10));
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_the_batch_with_a_transport_error_after_retries()
    {
        var closed = new Uri($"http://127.0.0.1:{CxServerless.Testing.AzuriteFixture.FreePort()}");
        var sender = new EventHubRestSender(Http, EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), closed, "cx-events"), FastRetry, TimeProvider.System);

        var outcome = await sender.SendAsync(Sample, CancellationToken.None);

        Assert.Equal((0, Sample.Count, FastRetry.MaxAttempts, (int?)null), (outcome.Sent, outcome.Failed, outcome.Requests, outcome.LastStatus));
        Assert.Contains("ConnectionError", outcome.Error, StringComparison.Ordinal);
    }

    private EventHubRestSender Sender() =>
        new(Http, EventHubTarget.Create(EventHubConnection.Parse(EventHubConnection.LocalDevelopment), _hub.Endpoint, "cx-events"), FastRetry, TimeProvider.System);
}
