using CxServerless.Domain.Events;
using CxSim.Formats;
using CxSim.Generation;

namespace CxSim.Tests.Generation;

public class TrafficGeneratorTests
{
    [Fact]
    public void Same_seed_gives_the_same_events_every_time()
    {
        var scenario = TestScenarios.Hours(1) with { MalformedShare = 0.05, PiiShare = 0.1 };

        var first = new TrafficGenerator(scenario).Generate().Select(e => (e.PartitionKey, e.Body)).ToList();
        var second = new TrafficGenerator(scenario).Generate().Select(e => (e.PartitionKey, e.Body)).ToList();

        Assert.True(first.Count > 1000, $"only {first.Count} events");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_traffic()
    {
        var a = new TrafficGenerator(TestScenarios.Hours(1, seed: 1)).Generate().Take(200).Select(e => e.Body).ToList();
        var b = new TrafficGenerator(TestScenarios.Hours(1, seed: 2)).Generate().Take(200).Select(e => e.Body).ToList();

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Events_come_out_in_event_time_order_and_within_the_simulated_span()
    {
        var scenario = TestScenarios.Hours(2);
        var events = new TrafficGenerator(scenario).Generate().ToList();

        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.EventTime <= pair.Second.EventTime));
        Assert.All(events, e => Assert.InRange(e.EventTime, scenario.Start, scenario.End!.Value));
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public void Bodies_are_canonical_json_of_the_event_with_the_conversation_as_partition_key()
    {
        var events = new TrafficGenerator(TestScenarios.Hours(0.5)).Generate().Take(500).ToList();

        Assert.All(events, e =>
        {
            var decoded = CanonicalEventEncoder.Decode(e.Body);
            Assert.NotNull(decoded);
            // Records compare lists by reference, so compare the aliases by content and the rest by value.
            Assert.Equal(e.Event!.CustomerAliases, decoded!.CustomerAliases);
            Assert.Equal(e.Event, decoded with { CustomerAliases = e.Event.CustomerAliases });
            Assert.Equal(decoded.ConversationId, e.PartitionKey);
            Assert.Equal("canonical", e.Format);
            Assert.DoesNotContain("ingestTime", e.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("customerKey", e.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_configured_channel_queue_and_region_appears_and_nothing_else()
    {
        var scenario = TestScenarios.Hours(2) with
        {
            Channels = [new ChannelShare(CxChannel.Voice, 1), new ChannelShare(CxChannel.Email, 1)],
            Queues = [new QueueDefinition("billing", "finance"), new QueueDefinition("tech", "support")],
            Regions = ["north", "south"],
        };
        var events = new TrafficGenerator(scenario).Valid();

        Assert.Equal([CxChannel.Voice, CxChannel.Email], events.Select(e => e.Channel).Distinct().Order());
        Assert.Equal(["billing", "tech"], events.Select(e => e.Queue!).Distinct().Order());
        Assert.Equal(["finance", "support"], events.Select(e => e.Team!).Distinct().Order());
        Assert.Equal(["north", "south"], events.Select(e => e.Region!).Distinct().Order());
        Assert.All(events.Where(e => e.Queue == "billing"), e => Assert.Equal("finance", e.Team));
    }

    [Fact]
    public void Contact_volume_follows_the_requested_contacts_per_minute()
    {
        var scenario = TestScenarios.Hours(4) with { Curve = IntradayCurve.Flat, ContactsPerMinute = 12 };
        var contacts = new TrafficGenerator(scenario).Valid().Count(e => e.Type == CxEventType.ContactStarted);

        // 12 per minute for 240 minutes = 2880 expected; a Poisson count has a standard deviation of about 54.
        Assert.InRange(contacts, 2880 - 250, 2880 + 250);
    }

    [Fact]
    public void A_warm_up_makes_the_rate_steady_from_the_start_without_events_before_it()
    {
        var scenario = TestScenarios.Hours(1) with { Curve = IntradayCurve.Flat, WarmUp = TimeSpan.FromHours(1) };
        var cold = new TrafficGenerator(scenario with { WarmUp = TimeSpan.Zero }).Generate().ToList();
        var warm = new TrafficGenerator(scenario).Generate().ToList();

        static int FirstTenMinutes(List<SimulatedEvent> events, DateTimeOffset start) => events.Count(e => e.EventTime < start.AddMinutes(10));
        static int LastTenMinutes(List<SimulatedEvent> events, DateTimeOffset start) => events.Count(e => e.EventTime >= start.AddMinutes(50));

        Assert.All(warm, e => Assert.True(e.EventTime >= scenario.Start));
        Assert.True(FirstTenMinutes(cold, scenario.Start) < 0.7 * LastTenMinutes(cold, scenario.Start), "without a warm-up the rate ramps up");
        Assert.InRange((double)FirstTenMinutes(warm, scenario.Start) / LastTenMinutes(warm, scenario.Start), 0.85, 1.15);
    }

    [Fact]
    public void An_endless_scenario_can_be_enumerated_lazily()
    {
        var scenario = TestScenarios.Hours(1) with { Duration = null };

        var events = new TrafficGenerator(scenario).Generate().Take(5000).ToList();

        Assert.Equal(5000, events.Count);
    }

    [Fact]
    public void A_custom_encoder_decides_the_body_and_format_of_each_event()
    {
        var events = new TrafficGenerator(TestScenarios.Hours(0.5), new EveryTenthVendorEncoder()).Generate().Take(300).ToList();

        Assert.All(events.Where(e => e.Format == "vendor-x"), e => Assert.Equal("VX|" + e.Event!.EventId, e.Body));
        Assert.InRange(events.Count(e => e.Format == "vendor-x"), 1, events.Count - 1);
        Assert.Contains(events, e => e.Format == CanonicalEventEncoder.Format);
    }

    [Fact]
    public void An_invalid_scenario_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrafficGenerator(TestScenarios.Hours(1) with { MalformedShare = 0.8 }));

        Assert.Contains("MalformedShare", error.Message, StringComparison.Ordinal);
    }

    private sealed class EveryTenthVendorEncoder : IEventEncoder
    {
        public EncodedBody Encode(CxEvent cxEvent) =>
            cxEvent.EventId.EndsWith('0') ? new EncodedBody("VX|" + cxEvent.EventId, "vendor-x") : CanonicalEventEncoder.Instance.Encode(cxEvent);
    }
}
