using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Handover;

namespace CxServerless.Domain.Tests.Handover;

public sealed class KpiDriftTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_kpis_that_moved_the_worse_way_are_ranked_by_their_relative_change()
    {
        KpiWindowBaseline[] windows =
        [
            // Speed of answer 60 s and 80 s against 50 s: mean 70 vs 50 = +40 % (higher is worse).
            new(KpiId.AverageSpeedOfAnswer, "queue=billing", T, 60, 50),
            new(KpiId.AverageSpeedOfAnswer, "queue=billing", T.AddMinutes(1), 80, 50),
            // Service level 72 % against 80 %: −10 % (lower is worse) → 10 % worse.
            new(KpiId.ServiceLevel, "queue=billing", T, 72, 80),
            // CSAT above its baseline: better, left out.
            new(KpiId.CsatAverage, "queue=billing", T, 4.8, 4.0),
            // Handle time without a baseline: left out.
            new(KpiId.AverageHandleTime, "queue=billing", T, 900, null),
            // Abandonment 6 % against 5 %: +20 % worse.
            new(KpiId.AbandonmentRate, "all", T, 6, 5),
        ];

        var worst = KpiDrift.Worst(windows, top: 2);

        Assert.Equal([(KpiId.AverageSpeedOfAnswer, "queue=billing"), (KpiId.AbandonmentRate, "all")], worst.Select(d => (d.Kpi, d.Slice)));
        Assert.Equal((2, 70, 50, 40), (worst[0].Windows, worst[0].MeanValue, worst[0].MeanBaseline, Math.Round(worst[0].ChangePercent, 6)));
        var serviceLevel = KpiDrift.Worst(windows, top: 5).Single(d => d.Kpi == KpiId.ServiceLevel);
        Assert.Equal((-10, 10), (Math.Round(serviceLevel.ChangePercent, 6), Math.Round(serviceLevel.WorsePercent, 6)));
        Assert.DoesNotContain(KpiDrift.Worst(windows, top: 5), d => d.Kpi is KpiId.CsatAverage or KpiId.AverageHandleTime);
    }
}
