using System.Text.Json;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Rules;

/// <summary>
/// Issue 17, point 4: an alert on all contacts at the tail of a one-queue incident, when the all-slice had moved by
/// about 4 points. The all-slice is judged by exactly the thresholds the rules file gives its rule: the expectations
/// here are read from the file's JSON text, not from the parser under test.
/// </summary>
public sealed class AllSliceSensitivityTests
{
    private static readonly RuleSet Rules = DefaultRules.Load();

    private static JsonElement FileRule(string id)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "cx-rules.v1.json");
        var text = File.Exists(path) ? File.ReadAllText(path) : ReadFromRepository();
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonDocument.Parse(text, options).RootElement.GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == id);
    }

    private static string ReadFromRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions", "rules", "cx-rules.v1.json");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException("functions/rules/cx-rules.v1.json");
    }

    private static WindowResult Window(KpiId kpi, int minute, double percent, long samples = 400) =>
        new(kpi, Slice.All, At(minute) - TimeSpan.FromMinutes(15), At(minute),
            KpiAggregate.FromParts(samples, percent / 100 * samples, percent / 100 * samples, 0, 1, null), percent, WindowStatus.Final);

    [Theory]
    [InlineData("service-level", KpiId.ServiceLevel)]
    [InlineData("abandonment", KpiId.AbandonmentRate)]
    public void The_all_slice_and_every_queue_are_watched_by_the_same_rule_with_the_file_s_static_limits(string id, KpiId kpi)
    {
        var rule = Rules.RuleFor(kpi, Slice.All)!;
        Assert.Same(rule, Rules.RuleFor(kpi, new Slice(SliceDimension.Queue, "billing")));
        var file = FileRule(id).GetProperty("detectors").EnumerateArray().First(d => d.GetProperty("type").GetString() == "static");
        var limits = Assert.IsType<StaticDetectorRule>(rule.Detectors[0]).Options;
        double? Number(string name) => file.TryGetProperty(name, out var v) ? v.GetDouble() : null;
        Assert.Equal(
            (Number("upper"), Number("lower"), Number("clearUpper"), Number("clearLower")),
            (limits.Upper, limits.Lower, limits.ClearUpper, limits.ClearLower));
        Assert.Equal(file.GetProperty("minSamples").GetInt64(), limits.MinSamples);
        Assert.Equal(Number("breachZ"), limits.BreachZ);
    }

    /// <summary>The file's <c>breachZ</c> standard errors of a share of 400 contacts at <paramref name="limit"/> percent.</summary>
    private static double Margin(string id, double limit)
    {
        var file = FileRule(id).GetProperty("detectors").EnumerateArray().First(d => d.GetProperty("type").GetString() == "static");
        var z = file.TryGetProperty("breachZ", out var v) ? v.GetDouble() : 0;
        return z * Math.Sqrt(limit * (100 - limit) / 400);
    }

    [Fact]
    public void Four_points_more_abandonment_on_all_is_below_both_of_its_detectors()
    {
        var monitor = Rules.RuleFor(KpiId.AbandonmentRate, Slice.All)!.CreateMonitor(Rules.Version, Slice.All);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Window(KpiId.AbandonmentRate, i, 5)).Kind);
        }

        // The spike needs +8 points (minChange) over the trailing mean, the static limit 12 %.
        Assert.All(
            Enumerable.Range(40, 10),
            i => Assert.Equal(AlertTransitionKind.None, monitor.Evaluate(Window(KpiId.AbandonmentRate, i, 9)).Kind));
        Assert.NotEqual(DetectionLevel.Breach, monitor.LastVerdict!.Level);
        // Past the 12 % limit by the file's margin (breachZ 1: √(12 · 88 / 400) = 1.62 points at 400 contacts) it opens.
        var past = 12 + Margin("abandonment", 12) + 0.1;
        var above = Enumerable.Range(50, 5).Select(i => monitor.Evaluate(Window(KpiId.AbandonmentRate, i, past)).Kind).ToList();
        Assert.Contains(AlertTransitionKind.Opened, above);
    }

    [Fact]
    public void The_service_level_floor_on_all_is_absolute_so_a_few_points_from_84_percent_cross_it()
    {
        // The floor is 80 %, less the file's margin at 400 contacts (breachZ 1: √(80 · 20 / 400) = 2 points).
        var floor = 80 - Margin("service-level", 80);
        var monitor = Rules.RuleFor(KpiId.ServiceLevel, Slice.All)!.CreateMonitor(Rules.Version, Slice.All);
        Assert.Equal(DetectionLevel.Clear, Step(monitor, 0, 86));
        Assert.Equal(DetectionLevel.Hold, Step(monitor, 1, 84)); // between the 80 % floor and its 85 % clear level
        Assert.Equal(DetectionLevel.Hold, Step(monitor, 2, 80.5));
        Assert.Equal(DetectionLevel.Hold, Step(monitor, 3, floor + 0.1));
        Assert.Equal(DetectionLevel.Breach, Step(monitor, 4, floor - 0.1));
    }

    private static DetectionLevel Step(KpiMonitor monitor, int minute, double percent)
    {
        monitor.Evaluate(Window(KpiId.ServiceLevel, minute, percent));
        return monitor.LastVerdict!.Level;
    }
}
