using CsCheck;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Aggregation;

/// <summary>Property tests: composing windows from buckets does not depend on partitioning, order or flush points.</summary>
public sealed class BucketMergeProperties
{
    private static readonly string[] Queues = ["billing", "sales", "support"];

    private static readonly Gen<CxEvent> GenEvent =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.Int[0, 40 * 60],
            Gen.Int[0, 120],
            Gen.Int[1, 5],
            Gen.Int[0, 2],
            (kind, second, wait, csat, queue) => kind switch
            {
                0 => Answered(At(0, second), wait, Queues[queue]),
                1 => Event(CxEventType.ContactAbandoned, At(0, second), new CxMeasures { WaitSeconds = wait }, queue: Queues[queue]),
                2 => Event(CxEventType.SurveyResponse, At(0, second), scores: new CxScores { Csat = csat }, queue: Queues[queue]),
                _ => Event(CxEventType.ContactStarted, At(0, second), queue: Queues[queue]),
            });

    private static readonly Gen<(CxEvent[] Events, int[] Partitions, int FlushEvery)> GenInput =
        GenEvent.Array[1, 80].SelectMany(events => Gen.Int[0, 3].Array[events.Length].Select(Gen.Int[1, 20], (p, f) => (events, p, f)));

    [Fact]
    public void Windows_from_partitioned_shuffled_and_drained_buckets_equal_windows_over_all_events_at_once()
    {
        var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));
        GenInput.Sample(input =>
        {
            var whole = new MinuteBucketAccumulator("all", KpiSettings.Default);
            foreach (var e in input.Events)
            {
                whole.Add(e);
            }

            var drained = new List<MinuteBucket>();
            var partitions = Enumerable.Range(0, 4).Select(p => new MinuteBucketAccumulator(p.ToString(System.Globalization.CultureInfo.InvariantCulture), KpiSettings.Default)).ToArray();
            for (var i = 0; i < input.Events.Length; i++)
            {
                partitions[input.Partitions[i]].Add(input.Events[i]);
                if (i % input.FlushEvery == 0)
                {
                    drained.AddRange(partitions[input.Partitions[i]].Drain());
                }
            }

            drained.AddRange(partitions.SelectMany(p => p.Drain()));
            drained.Reverse();

            var expected = MinuteSeries.Build(whole.Snapshot());
            var actual = MinuteSeries.Build(drained);
            Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
            foreach (var (key, series) in expected)
            {
                AssertSameWindows(
                    WindowComposer.Compose(series, spec, At(0), At(45)),
                    WindowComposer.Compose(actual[key], spec, At(0), At(45)));
            }
        });
    }

    [Fact]
    public void Bucket_windows_equal_a_brute_force_count_and_sum_over_the_events()
    {
        var gen = Gen.Select(GenEvent.Array[1, 60], Gen.Int[1, 20], Gen.Int[1, 20], Gen.Int[0, 19]);
        gen.Sample((events, size, hop, offset) =>
        {
            if (hop > size || offset >= hop)
            {
                return;
            }

            var spec = WindowSpec.Hopping(TimeSpan.FromMinutes(size), TimeSpan.FromMinutes(hop), TimeSpan.FromMinutes(offset));
            var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
            foreach (var e in events)
            {
                accumulator.Add(e);
            }

            var series = MinuteSeries.For(accumulator.Snapshot(), KpiId.ContactVolume, Slice.All);
            foreach (var window in WindowComposer.Compose(series, spec, At(-30), At(80)))
            {
                var inside = events.Count(e => e.Type == CxEventType.ContactStarted && e.EventTime > window.Start && e.EventTime <= window.End);
                Assert.Equal(inside, window.Value);
            }
        });
    }

    [Fact]
    public void Aggregate_merge_is_order_independent()
    {
        Gen.Double[0, 1000].Array[0, 50].Array[1, 8].Sample(parts =>
        {
            var aggregates = parts.Select(values =>
            {
                var a = new KpiAggregate(keepQuantiles: true);
                foreach (var v in values)
                {
                    a.Add(v);
                }

                return a;
            }).ToArray();

            var forward = KpiAggregate.Merge(aggregates);
            var backward = KpiAggregate.Merge(aggregates.Reverse());
            Assert.Equal(forward.Weight, backward.Weight);
            Assert.Equal(forward.Sum, backward.Sum, 6);
            Assert.Equal(forward.Min, backward.Min);
            Assert.Equal(forward.Max, backward.Max);
            Assert.Equal(forward.Sketch!.Quantile(0.9), backward.Sketch!.Quantile(0.9));
        });
    }

    private static void AssertSameWindows(IReadOnlyList<WindowResult> expected, IReadOnlyList<WindowResult> actual)
    {
        Assert.Equal(expected.Select(w => w.End), actual.Select(w => w.End));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].SampleCount, actual[i].SampleCount);
            Assert.Equal(expected[i].Value ?? double.NaN, actual[i].Value ?? double.NaN, 9);
            Assert.Equal(expected[i].Aggregate.Min, actual[i].Aggregate.Min);
            Assert.Equal(expected[i].Aggregate.Max, actual[i].Aggregate.Max);
            Assert.Equal(expected[i].Aggregate.Sketch?.Quantile(0.5), actual[i].Aggregate.Sketch?.Quantile(0.5));
        }
    }
}
