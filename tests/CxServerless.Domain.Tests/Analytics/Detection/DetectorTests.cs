using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Detection;

public sealed class DetectorTests
{
    private static WindowPoint Point(int minute, double value, long samples = 100) => new(At(minute), value, samples);

    /// <summary>A steady series with small deterministic noise around <paramref name="level"/>.</summary>
    private static double Noisy(double level, int i) => level + ((i * 7 % 5) - 2) * 0.5;

    /// <summary>A spike detector watching upwards with breachZ 3, five windows at <paramref name="level"/> learned.</summary>
    private static SpikeDipDetector SpikeWithBreachZ3(double spikeFactor, double level)
    {
        var detector = new SpikeDipDetector(
            new SpikeDipOptions(5, spikeFactor, 0.5, 0, 5, BreachDirection.Above, AlertSeverity.Warning, 0) { BreachZ = 3 });
        for (var i = 0; i < 5; i++)
        {
            detector.Evaluate(Point(i, level));
        }

        return detector;
    }

    [Fact]
    public void Static_limit_breaches_above_holds_in_the_hysteresis_band_and_clears_below_it()
    {
        var detector = new StaticLimitDetector(new StaticLimitOptions(60, null, 45, null, AlertSeverity.Critical, 10));
        Assert.Equal(DetectionLevel.Breach, detector.Evaluate(Point(1, 61)).Level);
        Assert.Equal(DetectionLevel.Hold, detector.Evaluate(Point(2, 50)).Level);
        Assert.Equal(DetectionLevel.Clear, detector.Evaluate(Point(3, 45)).Level);
        Assert.Equal(DetectionLevel.Hold, detector.Evaluate(Point(4, 60)).Level); // exactly the limit is not a breach
        var below = new StaticLimitDetector(new StaticLimitOptions(null, 80, null, 85, AlertSeverity.Error, 0));
        Assert.Equal((DetectionLevel.Breach, BreachDirection.Below), (below.Evaluate(Point(1, 79)).Level, below.Evaluate(Point(2, 79)).Direction));
        Assert.Equal(DetectionLevel.Hold, below.Evaluate(Point(3, 82)).Level);
    }

    [Fact]
    public void A_static_limit_with_breach_z_needs_a_breach_beyond_the_sampling_error_of_the_window()
    {
        // Service-level floor 80 % (clear 85 %), breachZ 1.645. With 100 contacts the standard error of a share at 80 % is
        // √(80 · 20 / 100) = 4 points, so a breach needs < 80 − 6.58 = 73.42 %; with 1,600 contacts it is 1 point (< 78.355 %).
        var floor = new StaticLimitDetector(new StaticLimitOptions(null, 80, null, 85, AlertSeverity.Error, 0) { BreachZ = 1.645 });
        Assert.Equal(DetectionLevel.Hold, floor.Evaluate(Point(1, 79, samples: 100)).Level);
        Assert.Equal(DetectionLevel.Hold, floor.Evaluate(Point(2, 73.5, samples: 100)).Level);
        Assert.Equal(DetectionLevel.Breach, floor.Evaluate(Point(3, 73.3, samples: 100)).Level);
        Assert.Equal(DetectionLevel.Hold, floor.Evaluate(Point(4, 78.4, samples: 1600)).Level);
        Assert.Equal(DetectionLevel.Breach, floor.Evaluate(Point(5, 78.3, samples: 1600)).Level);
        Assert.Equal(DetectionLevel.Clear, floor.Evaluate(Point(6, 85, samples: 100)).Level);

        // Abandonment ceiling 12 %, 400 contacts: √(12 · 88 / 400) = 1.625, margin 2.673, so a breach needs > 14.673 %.
        var ceiling = new StaticLimitDetector(new StaticLimitOptions(12, null, 8, null, AlertSeverity.Error, 0) { BreachZ = 1.645 });
        Assert.Equal(DetectionLevel.Hold, ceiling.Evaluate(Point(1, 14.6, samples: 400)).Level);
        var breach = ceiling.Evaluate(Point(2, 14.7, samples: 400));
        Assert.Equal((DetectionLevel.Breach, 12.0), (breach.Level, breach.Baseline));
    }

    [Fact]
    public void A_static_limit_with_breach_z_on_a_mean_uses_the_spread_of_the_windows_own_answers()
    {
        // CSAT floor 3.5, breachZ 1. 64 answers with a spread of 1.2 have a standard error of 1.2 / 8 = 0.15, so a breach
        // needs < 3.35; 1,600 answers with the same spread have 0.03 (< 3.47).
        var floor = new StaticLimitDetector(new StaticLimitOptions(null, 3.5, null, 3.8, AlertSeverity.Error, 0) { BreachZ = 1 });
        Assert.Equal(DetectionLevel.Hold, floor.Evaluate(new WindowPoint(At(1), 3.4, 64, 1.2)).Level);
        Assert.Equal(DetectionLevel.Breach, floor.Evaluate(new WindowPoint(At(2), 3.3, 64, 1.2)).Level);
        Assert.Equal(DetectionLevel.Breach, floor.Evaluate(new WindowPoint(At(3), 3.46, 1600, 1.2)).Level);
        Assert.Equal(DetectionLevel.Hold, floor.Evaluate(new WindowPoint(At(4), 3.48, 1600, 1.2)).Level);
        Assert.Equal(DetectionLevel.Breach, floor.Evaluate(new WindowPoint(At(5), 3.4, 64, 0)).Level); // identical answers: no noise
    }

    [Fact]
    public void An_ewma_with_noise_z_does_not_breach_on_the_sampling_noise_of_a_small_window()
    {
        // A steady handle time of 300 s learned with the 15 s floor: breachZ 6 alone breaches beyond 390 s. Ten calls with
        // a spread of 300 s have a standard error of 94.9 s, so noiseZ 3 asks for 284.6 s: 420 s is noise, 600 s is not.
        // 400 calls with the same spread have 15 s (45 s): 420 s breaches there.
        EwmaBaselineDetector Learned(double? noiseZ)
        {
            var options = new EwmaBaselineOptions(0.1, 6, 3, 10, 15, BreachDirection.Both, AlertSeverity.Warning, 1) { NoiseZ = noiseZ };
            var detector = new EwmaBaselineDetector(options);
            for (var i = 0; i < 30; i++)
            {
                detector.Evaluate(new WindowPoint(At(i), Noisy(300, i), 400, 300));
            }

            return detector;
        }

        Assert.Equal(DetectionLevel.Breach, Learned(null).Evaluate(new WindowPoint(At(30), 420, 10, 300)).Level);
        Assert.NotEqual(DetectionLevel.Breach, Learned(3).Evaluate(new WindowPoint(At(30), 420, 10, 300)).Level);
        var large = Learned(3).Evaluate(new WindowPoint(At(30), 600, 10, 300));
        Assert.Equal(DetectionLevel.Breach, large.Level);
        Assert.Equal(3 * 300 / Math.Sqrt(10), large.Upper!.Value - large.Baseline!.Value, 6); // the band shows the noise allowed for
        Assert.Equal(DetectionLevel.Breach, Learned(3).Evaluate(new WindowPoint(At(30), 420, 400, 300)).Level);
    }

    [Fact]
    public void Too_few_samples_are_not_judged() =>
        Assert.Equal(
            DetectionLevel.Insufficient,
            new StaticLimitDetector(new StaticLimitOptions(60, null, null, null, AlertSeverity.Critical, 10)).Evaluate(Point(1, 500, samples: 9)).Level);

    [Fact]
    public void Ewma_learns_a_steady_series_then_flags_a_jump_by_z_score()
    {
        var detector = new EwmaBaselineDetector(new EwmaBaselineOptions(0.1, 4, 2, 10, 0.1, BreachDirection.Both, AlertSeverity.Warning, 1));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(DetectionLevel.Insufficient, detector.Evaluate(Point(i, Noisy(30, i))).Level);
        }

        for (var i = 10; i < 40; i++)
        {
            Assert.Equal(DetectionLevel.Clear, detector.Evaluate(Point(i, Noisy(30, i))).Level);
        }

        var jump = detector.Evaluate(Point(40, 45));
        Assert.Equal((DetectionLevel.Breach, BreachDirection.Above), (jump.Level, jump.Direction));
        Assert.InRange(jump.Baseline!.Value, 29, 31);
        Assert.True(jump.Upper < 45);
    }

    [Fact]
    public void Ewma_flags_a_doubling_that_hopping_windows_turn_into_a_fifteen_window_ramp()
    {
        // Handle time around 300 s (window noise ±10 s); then each one-minute hop brings 1/15 of a doubling, as a
        // 15-minute hopping window does when every contact ending after the change takes twice as long.
        var options = new EwmaBaselineOptions(0.05, 4, 2, 30, 15, BreachDirection.Both, AlertSeverity.Warning, 10)
        {
            ReferenceLag = TimeSpan.FromMinutes(15),
        };
        var detector = new EwmaBaselineDetector(options);
        for (var i = 0; i < 120; i++)
        {
            detector.Evaluate(Point(i, 300 + ((i * 37 % 21) - 10)));
        }

        var levels = new List<DetectionLevel>();
        for (var i = 1; i <= 25; i++)
        {
            levels.Add(detector.Evaluate(Point(120 + i, 300 + (300 * Math.Min(i, 15) / 15.0))).Level);
        }

        // From a fifth of the way up the ramp, and for 20 minutes: enough for 3 breaches in 5 windows, and to stay open.
        Assert.All(levels.Skip(2).Take(20), l => Assert.Equal(DetectionLevel.Breach, l));
    }

    [Fact]
    public void Ewma_still_learns_a_lasting_change_once_it_no_longer_overlaps_the_windows_judged()
    {
        var options = new EwmaBaselineOptions(0.05, 4, 2, 30, 15, BreachDirection.Both, AlertSeverity.Warning, 10)
        {
            ReferenceLag = TimeSpan.FromMinutes(15),
        };
        var detector = new EwmaBaselineDetector(options);
        for (var i = 0; i < 60; i++)
        {
            detector.Evaluate(Point(i, 300 + ((i * 37 % 21) - 10)));
        }

        var levels = Enumerable.Range(60, 180).Select(i => detector.Evaluate(Point(i, 450 + ((i * 37 % 21) - 10))).Level).ToList();

        Assert.All(levels.Take(15), l => Assert.Equal(DetectionLevel.Breach, l)); // judged against the old level only
        Assert.All(levels.TakeLast(30), l => Assert.Equal(DetectionLevel.Clear, l)); // 450 s has become the usual level
    }

    [Fact]
    public void Ewma_keeps_a_baseline_per_hour_of_the_week()
    {
        var detector = new EwmaBaselineDetector(new EwmaBaselineOptions(0.2, 4, 2, 5, 1, BreachDirection.Both, AlertSeverity.Warning, 1));
        var monday10 = new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);
        var monday14 = monday10.AddHours(4);
        for (var week = 0; week < 6; week++)
        {
            detector.Evaluate(new WindowPoint(monday10.AddDays(7 * week), 20, 50));
            detector.Evaluate(new WindowPoint(monday14.AddDays(7 * week), 80, 50));
        }

        // 80 is normal at 14:00 on Mondays but far above the 10:00 baseline.
        Assert.Equal(DetectionLevel.Clear, detector.Evaluate(new WindowPoint(monday14.AddDays(42), 80, 50)).Level);
        Assert.Equal(DetectionLevel.Breach, detector.Evaluate(new WindowPoint(monday10.AddDays(42), 80, 50)).Level);
        Assert.Equal((24 * 1) + 10, EwmaBaselineDetector.HourOfWeek(monday10));
    }

    [Fact]
    public void Ewma_state_can_be_saved_and_restored()
    {
        var options = new EwmaBaselineOptions(0.1, 4, 2, 3, 0.5, BreachDirection.Both, AlertSeverity.Warning, 1);
        var first = new EwmaBaselineDetector(options);
        for (var i = 0; i < 20; i++)
        {
            first.Evaluate(Point(i, Noisy(10, i)));
        }

        var restored = new EwmaBaselineDetector(options, first.State);
        Assert.Equal(first.Evaluate(Point(21, 30)), restored.Evaluate(Point(21, 30)));
    }

    [Fact]
    public void Percentile_band_flags_values_outside_the_history_and_clears_inside_the_clear_band()
    {
        var detector = new PercentileBandDetector(new PercentileBandOptions(100, 99, 90, 1, 10, 100, AlertSeverity.Warning, 1));
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(DetectionLevel.Insufficient, detector.Evaluate(Point(i, i)).Level); // history 0..99
        }

        Assert.Equal(DetectionLevel.Breach, detector.Evaluate(Point(100, 120)).Level);
        Assert.Equal(DetectionLevel.Hold, detector.Evaluate(Point(101, 95)).Level);
        Assert.Equal(DetectionLevel.Clear, detector.Evaluate(Point(102, 50)).Level);
        var dip = detector.Evaluate(Point(103, -5));
        Assert.Equal((DetectionLevel.Breach, BreachDirection.Below), (dip.Level, dip.Direction));
        Assert.Equal(27.5, PercentileBandDetector.Percentile([10, 20, 30, 40], 58.33333333333333), 6);
    }

    [Fact]
    public void Spike_detector_flags_a_doubling_and_a_dead_queue_dip()
    {
        var detector = new SpikeDipDetector(new SpikeDipOptions(10, 2, 0.3, 5, 10, BreachDirection.Both, AlertSeverity.Warning, 0));
        for (var i = 0; i < 10; i++)
        {
            detector.Evaluate(Point(i, 20));
        }

        Assert.Equal(DetectionLevel.Clear, detector.Evaluate(Point(10, 24)).Level);
        Assert.Equal((DetectionLevel.Breach, BreachDirection.Above), Level(detector.Evaluate(Point(11, 45))));
        var fresh = new SpikeDipDetector(new SpikeDipOptions(10, 2, 0.3, 5, 10, BreachDirection.Both, AlertSeverity.Warning, 0));
        for (var i = 0; i < 10; i++)
        {
            fresh.Evaluate(Point(i, 20));
        }

        Assert.Equal((DetectionLevel.Breach, BreachDirection.Below), Level(fresh.Evaluate(Point(10, 0, samples: 0))));
    }

    [Fact]
    public void Baseline_detectors_are_learning_until_they_can_judge_and_static_limits_never_are()
    {
        var spike = new SpikeDipDetector(new SpikeDipOptions(10, 2, 0.3, 5, 4, BreachDirection.Both, AlertSeverity.Warning, 0));
        var ewma = new EwmaBaselineDetector(new EwmaBaselineOptions(0.1, 4, 2, 4, 0.1, BreachDirection.Both, AlertSeverity.Warning, 1));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(spike.IsLearning && ewma.IsLearning);
            Assert.Equal(DetectionLevel.Insufficient, spike.Evaluate(Point(i, 20)).Level);
            Assert.Equal(DetectionLevel.Insufficient, ewma.Evaluate(Point(i, 20)).Level);
        }

        Assert.False(spike.IsLearning || ewma.IsLearning);
        Assert.NotEqual(DetectionLevel.Insufficient, spike.Evaluate(Point(4, 20)).Level);
        Assert.False(new StaticLimitDetector(new StaticLimitOptions(60, null, null, null, AlertSeverity.Critical, 0)).IsLearning);
    }

    [Fact]
    public void A_spike_with_breach_z_must_also_clear_the_sampling_error_of_a_share()
    {
        // Escalation rate: trailing mean 10 %, spike factor 2, so a plain spike is ≥ 20 %. With breachZ 3 and 36 contacts in the
        // window the standard error at 10 % is √(10 · 90 / 36) = 5 points, so the spike needs ≥ 10 + 15 = 25 %; with 900
        // contacts it is 1 point, and ≥ 20 % (the factor) is enough again.
        SpikeDipDetector Learned() => SpikeWithBreachZ3(spikeFactor: 2, level: 10);

        Assert.NotEqual(DetectionLevel.Breach, Learned().Evaluate(Point(5, 24.9, samples: 36)).Level);
        Assert.Equal(DetectionLevel.Breach, Learned().Evaluate(Point(5, 25.1, samples: 36)).Level);
        Assert.Equal(DetectionLevel.Breach, Learned().Evaluate(Point(5, 20.1, samples: 900)).Level);
        Assert.NotEqual(DetectionLevel.Breach, Learned().Evaluate(Point(5, 19.9, samples: 900)).Level);
    }

    [Fact]
    public void A_spike_with_breach_z_on_a_mean_must_clear_the_standard_error_of_the_window()
    {
        // Handle time: trailing mean 300 s, spike factor 1.5, so a plain spike is ≥ 450 s. 16 calls with a spread of 400 s
        // have a standard error of 100 s; breachZ 3 asks for a rise of 300 s (≥ 600 s).
        SpikeDipDetector Learned() => SpikeWithBreachZ3(spikeFactor: 1.5, level: 300);

        Assert.NotEqual(DetectionLevel.Breach, Learned().Evaluate(new WindowPoint(At(5), 590, 16, 400)).Level);
        Assert.Equal(DetectionLevel.Breach, Learned().Evaluate(new WindowPoint(At(5), 610, 16, 400)).Level);
        Assert.Equal(DetectionLevel.Breach, Learned().Evaluate(new WindowPoint(At(5), 460, 1600, 400)).Level); // se 10 s
    }

    [Fact]
    public void Spike_detector_ignores_changes_smaller_than_the_minimum()
    {
        var detector = new SpikeDipDetector(new SpikeDipOptions(5, 2, 0.5, 10, 5, BreachDirection.Both, AlertSeverity.Warning, 0));
        for (var i = 0; i < 5; i++)
        {
            detector.Evaluate(Point(i, 1));
        }

        Assert.NotEqual(DetectionLevel.Breach, detector.Evaluate(Point(5, 8)).Level); // 8× but only +7
    }

    [Fact]
    public void Level_shift_flags_a_step_and_clears_once_the_new_level_is_the_norm()
    {
        var detector = new LevelShiftDetector(new LevelShiftOptions(20, 5, 6, 3, 5, 0.5, BreachDirection.Both, AlertSeverity.Warning, 1));
        var levels = new List<DetectionLevel>();
        for (var i = 0; i < 60; i++)
        {
            levels.Add(detector.Evaluate(Point(i, Noisy(i < 30 ? 100 : 130, i))).Level);
        }

        Assert.All(levels.Take(24), l => Assert.Equal(DetectionLevel.Insufficient, l));
        Assert.All(levels.Skip(24).Take(6), l => Assert.Equal(DetectionLevel.Clear, l));
        Assert.Contains(DetectionLevel.Breach, levels.Skip(30).Take(5));
        Assert.Equal(DetectionLevel.Clear, levels[^1]);
    }

    [Fact]
    public void Panel_breaches_when_any_detector_breaches_and_takes_the_worst_severity()
    {
        var panel = new DetectorPanel(
        [
            new StaticLimitDetector(new StaticLimitOptions(60, null, null, null, AlertSeverity.Critical, 0)),
            new StaticLimitDetector(new StaticLimitOptions(40, null, null, null, AlertSeverity.Warning, 0)),
        ]);
        var mild = panel.Evaluate(Point(1, 50));
        Assert.Equal((DetectionLevel.Breach, AlertSeverity.Warning), (mild.Level, mild.Severity));
        var severe = panel.Evaluate(Point(2, 70));
        Assert.Equal((DetectionLevel.Breach, AlertSeverity.Critical), (severe.Level, severe.Severity));
        Assert.Equal(DetectionLevel.Clear, panel.Evaluate(Point(3, 10)).Level);
    }

    private static (DetectionLevel, BreachDirection) Level(DetectorVerdict verdict) => (verdict.Level, verdict.Direction);
}
