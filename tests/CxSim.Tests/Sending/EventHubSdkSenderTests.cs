using System.Diagnostics;
using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using CxSim.Generation;
using CxSim.Sending;
using CxSim.Tests.Generation;
using static CxSim.Tests.Sending.PartitionKeyGroupTests;

namespace CxSim.Tests.Sending;

/// <summary>
/// The SDK path. Batches are real <see cref="EventDataBatch"/> instances from the SDK's model factory, with a size limit;
/// the last test points a real producer client at a closed port. No Event Hubs is reachable here, so a send that the
/// service accepts is not tested.
/// </summary>
public sealed class EventHubSdkSenderTests
{
    private static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Each_conversation_goes_in_sdk_batches_of_its_own_with_its_partition_key()
    {
        var hub = new ModelHub(maxBytes: 1000);
        SimulatedEvent[] batch = [Event("a"), Event("b"), Event("a"), Event("c"), Event("b"), Event("a")];

        var outcome = await hub.Sender().SendAsync(batch, CancellationToken.None);

        Assert.Equal(new BatchOutcome(6, 0, 3, null, null, Retried: 0), outcome);
        Assert.Equal(["a", "b", "c"], hub.Sent.Select(s => s.PartitionKey));
        Assert.Equal([3, 2, 1], hub.Sent.Select(s => s.Events.Count));
    }

    [Fact]
    public async Task A_full_batch_is_sent_and_the_next_event_starts_a_new_one_in_order()
    {
        var hub = new ModelHub(maxBytes: 100);
        SimulatedEvent[] batch = [.. Enumerable.Range(0, 5).Select(i => Event("a", bodyLength: 40, sequence: i))];

        var outcome = await hub.Sender().SendAsync(batch, CancellationToken.None);

        Assert.Equal((5, 0, 3), (outcome.Sent, outcome.Failed, outcome.Requests));
        Assert.Equal([2, 2, 1], hub.Sent.Select(s => s.Events.Count));
        Assert.All(hub.Sent, s => Assert.Equal("a", s.PartitionKey));
    }

    [Fact]
    public async Task An_event_too_large_for_an_empty_batch_fails_with_a_reason_and_the_others_are_sent()
    {
        var hub = new ModelHub(maxBytes: 100);
        SimulatedEvent[] batch = [Event("a", 30), Event("a", 500), Event("a", 30), Event("b", 30)];

        var outcome = await hub.Sender().SendAsync(batch, CancellationToken.None);

        Assert.Equal((3, 1), (outcome.Sent, outcome.Failed));
        Assert.Equal([1], outcome.FailedPositions);
        Assert.Equal("the event is larger than an empty batch can hold (100 bytes)", outcome.Error);
        // The large event did not fit the first batch, so that batch went out alone; the empty one after it took the third event.
        Assert.Equal([1, 1, 1], hub.Sent.Select(s => s.Events.Count));
    }

    [Fact]
    public async Task Service_busy_is_retried_with_the_same_batch_until_accepted()
    {
        var hub = new ModelHub(maxBytes: 1000);
        hub.Faults.Enqueue(new EventHubsException(true, "cx-events", EventHubsException.FailureReason.ServiceBusy));

        var outcome = await hub.Sender().SendAsync([Event("a"), Event("a")], CancellationToken.None);

        Assert.Equal(new BatchOutcome(2, 0, 2, null, null, Retried: 1), outcome);
        Assert.Equal(1, outcome.Retries);
        Assert.Equal(2, Assert.Single(hub.Sent).Events.Count);
    }

    [Fact]
    public async Task Busy_until_the_last_attempt_fails_the_batch_and_the_other_conversations_are_not_attempted()
    {
        var hub = new ModelHub(maxBytes: 1000);
        for (var i = 0; i < 10; i++)
        {
            hub.Faults.Enqueue(new EventHubsException(true, "cx-events", EventHubsException.FailureReason.ServiceBusy));
        }

        var outcome = await hub.Sender().SendAsync([Event("a"), Event("b"), Event("a")], CancellationToken.None);

        Assert.Equal(
            (0, 3, FastRetry.MaxAttempts, FastRetry.MaxAttempts - 1), (outcome.Sent, outcome.Failed, outcome.Requests, outcome.Retries));
        Assert.Equal("EventHubsException(ServiceBusy) after 3 attempt(s)", outcome.Error);
        Assert.False(outcome.Unauthorized);
        Assert.Empty(hub.Sent);
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried_and_the_next_conversation_is_still_sent()
    {
        var hub = new ModelHub(maxBytes: 1000);
        hub.Faults.Enqueue(new EventHubsException(false, "cx-events", EventHubsException.FailureReason.QuotaExceeded));

        var outcome = await hub.Sender().SendAsync([Event("a"), Event("b"), Event("a")], CancellationToken.None);

        Assert.Equal((1, 2, 2, 0), (outcome.Sent, outcome.Failed, outcome.Requests, outcome.Retries));
        Assert.Equal([0, 2], outcome.FailedPositions);
        Assert.True(outcome.WasSent(1));
        Assert.Equal("EventHubsException(QuotaExceeded) after 1 attempt(s)", outcome.Error);
    }

    [Fact]
    public async Task Refused_credentials_are_reported_as_unauthorized_without_a_retry()
    {
        var hub = new ModelHub(maxBytes: 1000);
        hub.Faults.Enqueue(new UnauthorizedAccessException("refused"));

        var outcome = await hub.Sender().SendAsync([Event("a"), Event("b")], CancellationToken.None);

        Assert.True(outcome.Unauthorized);
        Assert.Equal((0, 2, 1), (outcome.Sent, outcome.Failed, outcome.Requests));
        Assert.Equal("UnauthorizedAccessException: the service refused the credentials", outcome.Error);
    }

    [Fact]
    public async Task A_credential_that_gets_no_token_is_reported_as_unauthorized()
    {
        var hub = new ModelHub(maxBytes: 1000) { CreateFault = new CredentialUnavailableException("no az login") };

        var outcome = await hub.Sender().SendAsync([Event("a")], CancellationToken.None);

        Assert.True(outcome.Unauthorized);
        Assert.Equal((0, 1, 1, 0), (outcome.Sent, outcome.Failed, outcome.Requests, outcome.Retries));
        Assert.StartsWith("CredentialUnavailableException", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_before_anything_was_sent_throws_so_the_runner_counts_the_batch_as_not_sent()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ModelHub(maxBytes: 1000).Sender().SendAsync([Event("a")], stop.Token));
    }

    [Fact]
    public async Task Cancelled_after_part_of_the_batch_was_sent_reports_what_was_sent()
    {
        using var stop = new CancellationTokenSource();
        var hub = new ModelHub(maxBytes: 1000) { AfterSend = stop.Cancel };

        var outcome = await hub.Sender().SendAsync([Event("a"), Event("b"), Event("a")], stop.Token);

        Assert.Equal((2, 1), (outcome.Sent, outcome.Failed));
        Assert.Equal([1], outcome.FailedPositions);
        Assert.Equal("stopped while sending", outcome.Error);
    }

    [Fact]
    public void An_event_carries_its_body_the_json_content_type_and_the_rest_paths_user_properties()
    {
        var e = new TrafficGenerator(TestScenarios.Hours(0.1)).Generate().First();

        var data = EventHubSdkSender.ToEventData(e);

        Assert.Equal(e.Body, data.EventBody.ToString());
        Assert.Equal("application/json", data.ContentType);
        Assert.Equal("cx-sim", data.Properties["Source"]);
        Assert.Equal("canonical", data.Properties["Format"]);
    }

    [Fact]
    public async Task An_unreachable_namespace_fails_the_batch_with_the_exception_type_quickly_and_without_a_crash()
    {
        var port = CxServerless.Testing.AzuriteFixture.FreePort();
        var connection = $"Endpoint=sb://127.0.0.1:{port}/;SharedAccessKeyName=sim;SharedAccessKey=k;EntityPath=cx-events";
        await using var client = new EventHubSdkTarget("127.0.0.1", "cx-events", connection).CreateClient(TimeSpan.FromSeconds(1));
        var sender = new EventHubSdkSender(client, FastRetry, TimeProvider.System);
        List<SimulatedEvent> batch = [.. new TrafficGenerator(TestScenarios.Hours(0.5)).Generate().Take(20)];
        var clock = Stopwatch.StartNew();

        var outcome = await sender.SendAsync(batch, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal((0, batch.Count, FastRetry.MaxAttempts), (outcome.Sent, outcome.Failed, outcome.Requests));
        // Creating the batch opens the connection, and that is refused: SocketException(ConnectionRefused) after 3 attempt(s).
        Assert.Matches(@"^\w+Exception\(\w+\).* after 3 attempt\(s\)$", outcome.Error);
        Assert.False(outcome.Unauthorized);
    }

    /// <summary>Creates SDK model batches that accept events up to a body size, and records what is sent.</summary>
    private sealed class ModelHub(long maxBytes)
    {
        private readonly Dictionary<EventDataBatch, (string? Key, List<EventData> Store)> _batches =
            new(ReferenceEqualityComparer.Instance);

        public List<(string? PartitionKey, List<EventData> Events)> Sent { get; } = [];

        public Queue<Exception> Faults { get; } = new();

        public Exception? CreateFault { get; init; }

        public Action? AfterSend { get; init; }

        public EventHubSdkSender Sender() => new(CreateAsync, SendAsync, FastRetry, TimeProvider.System);

        private ValueTask<EventDataBatch> CreateAsync(CreateBatchOptions options, CancellationToken cancellationToken)
        {
            if (CreateFault is not null)
            {
                throw CreateFault;
            }

            // As the real client does, the batch's maximum size is the link's (here: maxBytes).
            options = new CreateBatchOptions { PartitionKey = options.PartitionKey, MaximumSizeInBytes = maxBytes };
            var store = new List<EventData>();
            long used = 0;
            var batch = EventHubsModelFactory.EventDataBatch(maxBytes, store, options, e =>
            {
                var size = e.EventBody.ToMemory().Length;
                if (used + size > maxBytes)
                {
                    return false;
                }

                used += size;
                return true;
            });
            _batches[batch] = (options.PartitionKey, store);
            return ValueTask.FromResult(batch);
        }

        private Task SendAsync(EventDataBatch batch, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Faults.TryDequeue(out var fault))
            {
                throw fault;
            }

            var (key, store) = _batches[batch];
            Sent.Add((key, [.. store]));
            AfterSend?.Invoke();
            return Task.CompletedTask;
        }
    }
}
