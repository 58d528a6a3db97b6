using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;
using CxSim.Tests.Generation;

namespace CxSim.Tests.Running;

public class RunCountersTests
{
    [Fact]
    public void A_partly_accepted_batch_tallies_only_the_accepted_events()
    {
        var batch = new TrafficGenerator(TestScenarios.Hours(0.5)).Generate().Take(6).ToList();
        var counters = new RunCounters();
        batch.ForEach(counters.Generated);

        counters.Completed(batch, new BatchOutcome(4, 2, 3, 400, "HTTP 400", FailedPositions: [0, 5]));

        var s = counters.Snapshot();
        Assert.Equal((6L, 4L, 2L, 0L, 1L, 3L), (s.Generated, s.Sent, s.Failed, s.Pending, s.Batches, s.Requests));
        var expected = batch.Skip(1).Take(4).GroupBy(e => e.Channel).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected, s.SentByChannel);
        Assert.Equal("HTTP 400", s.LastError);
    }

    [Fact]
    public void Events_stopped_before_sending_are_counted_as_not_sent()
    {
        var batch = new TrafficGenerator(TestScenarios.Hours(0.5)).Generate().Take(3).ToList();
        var counters = new RunCounters();
        batch.ForEach(counters.Generated);

        counters.NotSent(batch.Count, "stopped before sending");

        var s = counters.Snapshot();
        Assert.Equal((3L, 0L, 3L, 0L), (s.Generated, s.Sent, s.NotSent, s.Pending));
        Assert.Empty(s.SentByChannel);
        Assert.Equal(batch.Max(e => e.EventTime), s.LastEventTime);
    }
}
