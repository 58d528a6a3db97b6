using System.Text;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxSim.Generation;

namespace CxSim.Tests.Generation;

/// <summary>
/// What cx-sim sends is what the ingestion pipeline accepts: every well-formed simulated event passes the real
/// pipeline with its measures intact, and every deliberately malformed one is quarantined.
/// </summary>
public sealed class IngestionContractTests
{
    private static readonly IngestionPipeline Pipeline = new(
        SourceAdapters.Registry(), new Pseudonymizer(Encoding.UTF8.GetBytes("cx-sim-contract-test-key-0123456789")), new IngestionLimits());

    [Fact]
    public void Well_formed_events_are_accepted_and_malformed_ones_quarantined()
    {
        var scenario = TestScenarios.Hours(1) with { MalformedShare = 0.05, PiiShare = 0.1 };
        var events = new TrafficGenerator(scenario).Generate().ToList();
        Assert.Contains(events, e => e.IsMalformed);

        var sequence = 0L;
        foreach (var e in events)
        {
            var raw = new RawEvent(e.Body, "0", sequence++, e.EventTime, new Dictionary<string, string>());
            var outcome = Pipeline.Process(raw, e.EventTime);
            if (e.IsMalformed)
            {
                Assert.False(outcome.IsAccepted, $"malformed {e.Malformed} event was accepted: {e.Body}");
                continue;
            }

            Assert.True(outcome.IsAccepted, $"{outcome.Rejection?.Reason} {outcome.Rejection?.Detail}: {e.Body}");
            var stored = outcome.Event!;
            Assert.Equal(e.Event!.Type, stored.Type);
            Assert.Equal(e.Event.ConversationId, stored.ConversationId);
            Assert.Equal(e.Event.Channel, stored.Channel);
            Assert.Equal(e.Event.Measures, stored.Measures);
            Assert.Equal(e.Event.Scores.Csat, stored.Scores.Csat);
            Assert.Equal(e.Event.Queue, stored.Queue);
            Assert.Equal(e.Event.CustomerKey is null, stored.CustomerKey is null);
            Assert.NotEqual(e.Event.CustomerKey, stored.CustomerKey); // pseudonymised on the way in
        }
    }
}
