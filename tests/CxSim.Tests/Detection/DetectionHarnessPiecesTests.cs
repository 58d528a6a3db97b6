using System.Text.Json;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxSim.Detection;
using CxSim.Detection.Independent;
using CxSim.Detection.Quality;
using CxSim.Incidents;

namespace CxSim.Tests.Detection;

/// <summary>
/// The pieces of <c>./cx bench detection</c> (issue 13): each can fail on its own. The quality figures themselves are the
/// harness's output (docs/alert-rules.md), too slow for <c>./cx test</c>, and are not asserted here.
/// </summary>
public sealed class DetectionHarnessPiecesTests
{
    private static readonly string ShippedJson = File.ReadAllText(Path.Combine(RepositoryRoot(), "functions", "rules", "cx-rules.v1.json"));
    private static readonly PlacementOptions Placement = new();
    private static readonly string[] Both = [IncidentPlacement.Independent, IncidentPlacement.CxSim];

    [Fact]
    public void The_placement_is_the_same_for_the_same_seeds_and_differs_for_others()
    {
        var first = PlanFile.Write(IncidentPlacement.Place([1, 2, 3], Both, [101], Placement));
        var again = PlanFile.Write(IncidentPlacement.Place([1, 2, 3], Both, [101], Placement));
        var other = PlanFile.Write(IncidentPlacement.Place([1, 2, 4], Both, [101], Placement));

        Assert.Equal(first, again);
        Assert.Equal(FrozenHash.Of(first), FrozenHash.Of(again));
        Assert.NotEqual(FrozenHash.Of(first), FrozenHash.Of(other));
    }

    [Fact]
    public void Incidents_fall_in_the_scored_hours_one_per_slot_apart_by_the_separation_with_the_allowed_strengths()
    {
        var runs = IncidentPlacement.Place([.. Enumerable.Range(1, 30)], Both, [101, 102], Placement);
        var starts = new HashSet<DateTimeOffset>();
        foreach (var run in runs.Where(r => !r.Steady))
        {
            Assert.Equal(TimeSpan.FromHours(6), run.ScoredFrom - run.Start);
            Assert.Equal(TimeSpan.FromHours(12), run.End - run.ScoredFrom);
            Assert.Equal(3, run.Incidents.Count);
            for (var i = 0; i < run.Incidents.Count; i++)
            {
                var incident = run.Incidents[i];
                var slotStart = run.ScoredFrom.AddHours(4 * i);
                Assert.InRange(incident.Start, slotStart, slotStart.AddHours(4));
                Assert.True(
                    incident.End + TimeSpan.FromMinutes(75) <= slotStart.AddHours(4), $"{run.Id} incident {i} runs into the next slot");
                Assert.InRange((incident.End - incident.Start).TotalMinutes, 20, 90);
                Assert.Contains(incident.Strength, new[] { 0.5, 1, 1.5, 2 });
            }

            starts.Add(run.ScoredFrom);
        }

        Assert.True(starts.Count > 20, "scored periods should start at random days and hours");
        Assert.Equal(4, runs.Count(r => r.Steady));
        Assert.All(runs.Where(r => r.Steady), r => Assert.Equal(TimeSpan.FromHours(24), r.End - r.ScoredFrom));
        var all = runs.SelectMany(r => r.Incidents).ToList();
        Assert.Equal(10, all.Select(i => i.Kind).Distinct().Count());
        Assert.True(all.Select(i => i.SliceText).Distinct().Count() > 10, "slices should vary");
    }

    [Theory]
    [InlineData("handle-time-surge", 2)] // the defaults DetectionQualityTests used for the independent centre
    [InlineData("queue-outage", 1)]
    [InlineData("channel-csat-dip", 1)]
    [InlineData("patience-drop", 6)]
    [InlineData("volume-surge", 2.5)]
    [InlineData("wait-creep", 8)]
    [InlineData("wait-spike", 4)] // cx-sim's Incident.DefaultMagnitude
    [InlineData("abandonment-surge", 5)]
    [InlineData("csat-dip", 0.7)]
    public void Strength_one_is_the_generator_s_default_effect(string kind, double magnitude)
    {
        Assert.Equal(magnitude, IncidentStrength.Magnitude(kind, 1), 9);
        Assert.True(IncidentStrength.Magnitude(kind, 0.5) < magnitude, "half strength should be weaker");
    }

    [Fact]
    public void The_cx_sim_defaults_agree_with_its_incident_model()
    {
        Assert.Equal(Incident.DefaultMagnitude(IncidentKind.WaitSpike), IncidentStrength.Magnitude("wait-spike", 1), 9);
        Assert.Equal(Incident.DefaultMagnitude(IncidentKind.AbandonmentSurge), IncidentStrength.Magnitude("abandonment-surge", 1), 9);
        Assert.Equal(Incident.DefaultMagnitude(IncidentKind.CsatDip), IncidentStrength.Magnitude("csat-dip", 1), 9);
    }

    [Fact]
    public void The_plan_hash_changes_when_one_incident_s_strength_changes()
    {
        var runs = IncidentPlacement.Place([1], [IncidentPlacement.Independent], [], Placement);
        var run = runs[0];
        var first = run.Incidents[0];
        var weaker = run with { Incidents = [first with { Strength = first.Strength + 0.5 }, .. run.Incidents.Skip(1)] };

        Assert.NotEqual(FrozenHash.Of(PlanFile.Write(runs)), FrozenHash.Of(PlanFile.Write([weaker])));
    }

    [Fact]
    public void The_rules_hash_is_sha_256_and_changes_when_one_threshold_changes()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FrozenHash.Of("abc"));
        var changed = ShippedJson.Replace("\"upper\": 60,", "\"upper\": 61,", StringComparison.Ordinal);
        Assert.NotEqual(ShippedJson, changed);
        Assert.NotEqual(FrozenHash.Of(ShippedJson), FrozenHash.Of(changed));
    }

    [Fact]
    public void The_static_baseline_keeps_every_static_detector_as_it_is_and_nothing_else()
    {
        var source = RuleSetParser.ParseOrThrow(ShippedJson);
        var baseline = RuleSetParser.ParseOrThrow(RulesTransforms.StaticOnly(ShippedJson));

        Assert.Equal(source.Version + "-static", baseline.Version);
        Assert.All(baseline.Rules, r => Assert.All(r.Detectors, d => Assert.IsType<StaticDetectorRule>(d)));
        Assert.DoesNotContain(baseline.Rules, r => r.Id == "contact-volume"); // spike and dip only
        var expected = source.Rules.Where(r => r.Detectors.Any(d => d is StaticDetectorRule)).Select(r => r.Id).ToList();
        Assert.Equal(expected, baseline.Rules.Select(r => r.Id).ToList());
        using var file = JsonDocument.Parse(ShippedJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var queueWait = file.RootElement.GetProperty("rules").EnumerateArray().First(r => r.GetProperty("id").GetString() == "queue-wait");
        Assert.Equal(60, queueWait.GetProperty("detectors")[0].GetProperty("upper").GetDouble());
        var staticQueueWait = baseline.Rules.Single(r => r.Id == "queue-wait");
        Assert.Equal(source.Rules.Single(r => r.Id == "queue-wait").Detectors[0], Assert.Single(staticQueueWait.Detectors));
    }

    [Fact]
    public void Mis_set_thresholds_scale_only_the_named_rule_s_static_limits()
    {
        var misSet = RuleSetParser.ParseOrThrow(RulesTransforms.ScaleStatic(ShippedJson, "handle-time", 0.5));
        var source = RuleSetParser.ParseOrThrow(ShippedJson);

        Assert.Equal(source.Version + "-misset", misSet.Version);
        var text = RulesTransforms.ScaleStatic(ShippedJson, "handle-time", 0.5);
        Assert.Contains("\"upper\": 450", text, StringComparison.Ordinal); // 900 × 0.5
        Assert.Contains("\"clearUpper\": 390", text, StringComparison.Ordinal); // 780 × 0.5
        Assert.Equal(source.Rules.Single(r => r.Id == "queue-wait").Detectors, misSet.Rules.Single(r => r.Id == "queue-wait").Detectors);
        Assert.Throws<ArgumentException>(() => RulesTransforms.ScaleStatic(ShippedJson, "contact-volume", 0.5));
    }

    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)] // computed by hand from Wilson's formula, z = 1.96
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(81, 263, 0.2553, 0.3662)] // Newcombe (1998), Statistics in Medicine 17, table II
    public void Wilson_intervals_match_published_values(int successes, int trials, double low, double high)
    {
        var w = WilsonInterval.Of(successes, trials);
        Assert.Equal(low, w.Low, 4);
        Assert.Equal(high, w.High, 4);
    }

    [Theory]
    [InlineData(0, 1, 0.0, 3.689)] // exact Poisson (Garwood) limits
    [InlineData(1, 1, 0.0253, 5.572)]
    [InlineData(5, 1, 1.624, 11.668)]
    [InlineData(2, 4, 0.0606, 1.806)] // 2 in 4 days: (0.242, 7.225) ÷ 4
    public void Rate_intervals_match_exact_poisson_limits(int count, double days, double low, double high)
    {
        var r = RateInterval.Of(count, days);
        Assert.Equal(low, r.Low, 2);
        Assert.Equal(high, r.High, 2);
    }

    [Fact]
    public void Figures_count_strict_and_shared_traffic_alerts_recall_by_strength_and_steady_false_alerts_per_day()
    {
        var run = IncidentPlacement.Place([1], [IncidentPlacement.Independent], [], Placement)[0];
        var t = run.ScoredFrom.AddHours(1);
        run = run with
        {
            Incidents =
            [
                new("handle-time-surge", t, t.AddMinutes(30), 1, 2, Team: "team-support"),
                new("handle-time-surge", t.AddHours(4), t.AddHours(4).AddMinutes(30), 0.5, 1.5),
            ],
        };
        var labels = PlannedTraffic.Labels(run);
        var alerts = new[]
        {
            Opened("handle-time", KpiId.AverageHandleTime, new Slice(SliceDimension.Queue, "support"), t.AddMinutes(10)), // contains
            Opened("handle-time", KpiId.AverageHandleTime, Slice.All, t.AddMinutes(12)), // contains
            Opened("handle-time", KpiId.AverageHandleTime, new Slice(SliceDimension.Team, "team-payments"), t.AddMinutes(12)), // false
            Opened("handle-time", KpiId.AverageHandleTime, new Slice(SliceDimension.Channel, "Chat"), t.AddMinutes(245)), // shares
        };
        var matching = new MatchingRule(MatchingRule.DefaultGrace, run.ScoredFrom);
        var score = DetectionScorer.Score(labels, alerts, Rules, IndependentCentre.Cells, matching);
        var steady = IncidentPlacement.SteadyRun(IncidentPlacement.Independent, 101, Placement);
        var steadyScore = DetectionScorer.Score(
            [], [Opened("csat", KpiId.CsatAverage, Slice.All, steady.ScoredFrom.AddHours(3))], Rules, IndependentCentre.Cells,
            new MatchingRule(MatchingRule.DefaultGrace, steady.ScoredFrom));

        var f = QualityFigures.Of([new ScoredRun(run, score), new ScoredRun(steady, steadyScore)]);

        Assert.Equal((1, 2), (f.Recall.Successes, f.Recall.Trials));
        Assert.Equal((2, 4), (f.StrictPrecision.Successes, f.StrictPrecision.Trials));
        Assert.Equal((3, 4), (f.SharedPrecision.Successes, f.SharedPrecision.Trials));
        Assert.Equal((1, 1), (f.RecallByStrength[1].Successes, f.RecallByStrength[1].Trials));
        Assert.Equal((0, 1), (f.RecallByStrength[0.5].Successes, f.RecallByStrength[0.5].Trials));
        Assert.Equal(1, f.MissedByKpi["average-handle-time"]);
        Assert.Equal(2, f.StrictFalseByKpi["AverageHandleTime"]);
        Assert.Equal((1, 1.0), (f.SteadyFalseAlerts!.Count, f.SteadyFalseAlerts.Exposure));
    }

    private static readonly RuleSet Rules = DefaultRules.Load();

    private static RaisedTransition Opened(string ruleId, KpiId kpi, Slice slice, DateTimeOffset openedAt) =>
        OpenedAlerts.Opened(Rules.Version, ruleId, kpi, slice, openedAt, TimeSpan.FromMinutes(1));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No CxServerless.sln above the test directory.");
    }
}
