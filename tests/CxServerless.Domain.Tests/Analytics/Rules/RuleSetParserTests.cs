using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Tests.Analytics.Rules;

public sealed class RuleSetParserTests
{
    private const string Minimal = """
        {
          "version": "2.1.0",
          "rules": [
            {
              "id": "queue-wait",
              "kpi": "AverageSpeedOfAnswer",
              "slices": ["all", "queue=*"],
              "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45, "severity": "Critical", "minSamples": 10 } ]
            }
          ]
        }
        """;

    private static string[] Errors(string json) => RuleSetParser.Parse(json).Errors.Select(e => e.ToString()).ToArray();

    private static string WithRule(string rule) => $$"""{ "version": "1", "rules": [ {{rule}} ] }""";

    [Fact]
    public void The_shipped_default_rules_are_valid()
    {
        var rules = DefaultRules.Load();
        Assert.Equal("1.5.0", rules.Version);
        Assert.True(rules.Rules.Count >= 10);
        Assert.Equal(TimeSpan.FromSeconds(20), rules.Kpis.ServiceLevelThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), rules.EventTime.AllowedLateness);
        Assert.Contains(rules.Rules, r => r.Detectors.Any(d => d is StaticDetectorRule) && r.Detectors.Any(d => d is EwmaDetectorRule));
    }

    [Fact]
    public void The_shipped_rules_watch_every_kpi()
    {
        var watched = DefaultRules.Load().Rules.Select(r => r.Kpi).ToHashSet();
        Assert.Equal(Enum.GetValues<KpiId>().ToHashSet(), watched);
    }

    [Fact]
    public void A_minimal_file_takes_the_defaults()
    {
        var result = RuleSetParser.Parse(Minimal);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var rule = Assert.Single(result.RuleSet!.Rules);
        Assert.Equal((KpiId.AverageSpeedOfAnswer, WindowKind.Hopping, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1)), (rule.Kpi, rule.Window.Kind, rule.Window.Size, rule.Window.Hop));
        Assert.Equal(AlertPolicy.Default, rule.Policy);
        Assert.True(rule.Watches(new Slice(SliceDimension.Queue, "billing")));
        Assert.False(rule.Watches(new Slice(SliceDimension.Team, "blue")));
        Assert.Same(rule, result.RuleSet.RuleFor(KpiId.AverageSpeedOfAnswer, Slice.All));
    }

    [Fact]
    public void The_rules_version_is_recorded_on_every_alert()
    {
        var ruleSet = RuleSetParser.ParseOrThrow(Minimal.Replace("\"minSamples\": 10", "\"minSamples\": 0", StringComparison.Ordinal));
        var monitor = ruleSet.Rules[0].CreateMonitor(ruleSet.Version, Slice.All);
        AlertTransition? opened = null;
        for (var i = 1; i <= 3; i++)
        {
            var end = TestEvents.At(i);
            opened = monitor.Evaluate(new WindowResult(KpiId.AverageSpeedOfAnswer, Slice.All, end.AddMinutes(-15), end, new(), 90, WindowStatus.Final));
        }

        Assert.Equal((AlertTransitionKind.Opened, "2.1.0"), (opened!.Kind, opened.Alert!.RulesVersion));
    }

    [Fact]
    public void K_greater_than_n_is_reported_with_its_path()
    {
        var json = """
            { "version": "1", "rules": [
              { "id": "a", "kpi": "ServiceLevel", "detectors": [ { "type": "static", "lower": 80 } ] },
              { "id": "b", "kpi": "AbandonmentRate", "alerting": { "k": 4, "n": 2 }, "detectors": [ { "type": "static", "upper": 10 } ] }
            ] }
            """;
        Assert.Equal(["rules[1].alerting.k must be ≤ n (2)"], Errors(json));
    }

    [Theory]
    [InlineData("""{ "type": "ewma", "breachZ": 2, "clearZ": 3 }""", "rules[0].detectors[0].clearZ must be ≤ breachZ")]
    [InlineData("""{ "type": "static", "upper": 60, "clearUpper": 70 }""", "rules[0].detectors[0].clearUpper must be ≤ upper")]
    [InlineData("""{ "type": "static" }""", "rules[0].detectors[0] needs upper, lower or both")]
    [InlineData("""{ "type": "magic" }""", "rules[0].detectors[0].type must be one of: static, ewma, percentile, spike, levelShift (got \"magic\")")]
    [InlineData(
        """{ "type": "static", "uper": 60, "upper": 60 }""",
        "rules[0].detectors[0].uper is not a known field "
            + "(expected one of: type, severity, minSamples, upper, lower, clearUpper, clearLower, breachZ)")]
    [InlineData("""{ "type": "static", "upper": 60, "severity": "Bad" }""", "rules[0].detectors[0].severity must be one of: Informational, Warning, Error, Critical (got \"Bad\")")]
    [InlineData("""{ "type": "ewma", "alpha": 1.5 }""", "rules[0].detectors[0].alpha must be from 0.0001 to 1")]
    [InlineData("""{ "type": "spike", "trailingWindows": 5, "minHistory": 10 }""", "rules[0].detectors[0].minHistory must be ≤ trailingWindows")]
    [InlineData("""{ "type": "percentile", "upper": 99, "minSamples": 2.5 }""", "rules[0].detectors[0].minSamples must be a whole number")]
    [InlineData("""{ "type": "static", "lower": 80, "breachZ": 11 }""", "rules[0].detectors[0].breachZ must be from 0 to 10")]
    public void Detector_errors_name_the_bad_field(string detector, string expected) =>
        Assert.Equal([expected], Errors(WithRule($$"""{ "id": "r", "kpi": "ServiceLevel", "detectors": [ {{detector}} ] }""")));

    [Fact]
    public void Breach_z_is_read_for_a_percentage_or_mean_kpi_and_refused_for_counts_and_gauges()
    {
        var rules = RuleSetParser.ParseOrThrow(WithRule("""
            { "id": "r", "kpi": "ServiceLevel", "detectors": [ { "type": "static", "lower": 80, "breachZ": 1.645 } ] }
            """));
        Assert.Equal(1.645, ((StaticDetectorRule)rules.Rules[0].Detectors[0]).Options.BreachZ);
        var means = RuleSetParser.ParseOrThrow(WithRule("""
            { "id": "r", "kpi": "CsatAverage", "detectors": [ { "type": "static", "lower": 3.5, "breachZ": 1 } ] }
            """));
        Assert.Equal(1, ((StaticDetectorRule)means.Rules[0].Detectors[0]).Options.BreachZ);
        var spikes = RuleSetParser.ParseOrThrow(WithRule("""
            { "id": "r", "kpi": "EscalationRate", "detectors": [ { "type": "spike", "minChange": 10, "breachZ": 3 } ] }
            """));
        Assert.Equal(3, ((SpikeDetectorRule)spikes.Rules[0].Detectors[0]).Options.BreachZ);

        const string Refused =
            "applies to percentage and mean KPIs only (a share of contacts or an average, whose sampling error is known)";
        Assert.Equal(
            [$"rules[0].detectors[0].breachZ {Refused}"],
            Errors(WithRule("""{ "id": "r", "kpi": "ContactVolume", "detectors": [ { "type": "spike", "breachZ": 3 } ] }""")));
        Assert.Equal(
            [$"rules[0].detectors[0].breachZ {Refused}"],
            Errors(WithRule("""{ "id": "r", "kpi": "Backlog", "detectors": [ { "type": "static", "upper": 10, "breachZ": 1 } ] }""")));
    }

    [Fact]
    public void Noise_z_of_an_ewma_is_read_for_a_percentage_or_mean_kpi_and_refused_for_a_count()
    {
        var rules = RuleSetParser.ParseOrThrow(WithRule("""
            { "id": "r", "kpi": "AverageHandleTime", "detectors": [ { "type": "ewma", "breachZ": 6, "noiseZ": 3 } ] }
            """));
        Assert.Equal(3, ((EwmaDetectorRule)rules.Rules[0].Detectors[0]).Options.NoiseZ);
        var plain = RuleSetParser.ParseOrThrow(WithRule("""{ "id": "r", "kpi": "ServiceLevel", "detectors": [ { "type": "ewma" } ] }"""));
        Assert.Null(((EwmaDetectorRule)plain.Rules[0].Detectors[0]).Options.NoiseZ);

        Assert.Equal(
            ["rules[0].detectors[0].noiseZ applies to percentage and mean KPIs only "
                + "(a share of contacts or an average, whose sampling error is known)"],
            Errors(WithRule("""{ "id": "r", "kpi": "ContactVolume", "detectors": [ { "type": "ewma", "noiseZ": 3 } ] }""")));
        Assert.Equal(
            ["rules[0].detectors[0].noiseZ must be from 0 to 10"],
            Errors(WithRule("""{ "id": "r", "kpi": "AverageHandleTime", "detectors": [ { "type": "ewma", "noiseZ": -1 } ] }""")));
    }

    [Theory]
    [InlineData("""{ "id": "r", "kpi": "Happiness", "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].kpi must be one of:")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "slices": ["colour=red"], "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].slices[0] must be \"all\"")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "slices": ["queue=*", "queue=a"], "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].slices[1] \"queue=a\" overlaps another slice of this rule")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "window": { "kind": "hopping", "size": "15m", "hop": "20m" }, "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].window hop must be")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "window": { "kind": "tumbling", "size": "90s" }, "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].window size must be a whole number of minutes")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "alerting": { "cooldown": "soon" }, "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].alerting.cooldown must be a duration")]
    [InlineData(
        """{ "id": "r", "kpi": "Backlog", "alerting": { "rollUp": "31m" }, "detectors": [ { "type": "static", "upper": 1 } ] }""",
        "rules[0].alerting.rollUp must be between 0 (off) and 30 minutes")]
    [InlineData("""{ "id": "r", "kpi": "Backlog", "detectors": [] }""", "rules[0].detectors must hold at least one detector")]
    [InlineData("""{ "id": "r", "kpi": "Backlog" }""", "rules[0].detectors is required")]
    [InlineData("""{ "id": "Bad Id", "kpi": "Backlog", "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].id must be 1 to 63 lower-case")]
    [InlineData("""{ "kpi": "Backlog", "detectors": [ { "type": "static", "upper": 1 } ] }""", "rules[0].id is required")]
    public void Rule_errors_name_the_bad_field(string rule, string expectedStart)
    {
        var errors = Errors(WithRule(rule));
        Assert.Single(errors);
        Assert.StartsWith(expectedStart, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Roll_up_is_inherited_from_the_defaults_and_a_rule_may_switch_it_off()
    {
        var rules = RuleSetParser.ParseOrThrow("""
            { "version": "1", "defaults": { "alerting": { "rollUp": "10m" } }, "rules": [
              { "id": "a", "kpi": "Backlog", "detectors": [ { "type": "static", "upper": 1 } ] },
              { "id": "b", "kpi": "ServiceLevel", "alerting": { "rollUp": "0s" }, "detectors": [ { "type": "static", "lower": 1 } ] },
              { "id": "c", "kpi": "AbandonmentRate", "alerting": { "k": 1, "n": 1 }, "detectors": [ { "type": "static", "upper": 1 } ] }
            ] }
            """);
        Assert.Equal([TimeSpan.FromMinutes(10), null, TimeSpan.FromMinutes(10)], rules.Rules.Select(r => r.Policy.RollUpWait));
        Assert.Equal(TimeSpan.FromMinutes(10), DefaultRules.Load().Rules.Single(r => r.Id == "queue-wait").Policy.RollUpWait);
    }

    [Fact]
    public void Two_rules_may_not_watch_the_same_kpi_and_slice()
    {
        var json = """
            { "version": "1", "rules": [
              { "id": "a", "kpi": "Backlog", "slices": ["queue=*"], "detectors": [ { "type": "static", "upper": 1 } ] },
              { "id": "a", "kpi": "Backlog", "slices": ["team=x", "queue=billing"], "detectors": [ { "type": "static", "upper": 2 } ] },
              { "id": "c", "kpi": "Backlog", "slices": ["team=y"], "detectors": [ { "type": "static", "upper": 2 } ] }
            ] }
            """;
        Assert.Equal(
            [
                "rules[1].id \"a\" is already used by rules[0]",
                "rules[1].slices[1] \"queue=billing\" overlaps \"queue=*\" of rules[0] (\"a\") for the same KPI; one rule may watch a KPI and slice",
            ],
            Errors(json));
    }

    [Theory]
    [InlineData("not json", "$ is not valid JSON")]
    [InlineData("[]", "$ must be an object")]
    [InlineData("""{ "rules": [] }""", "version is required")]
    [InlineData("""{ "version": "has space", "rules": [] }""", "version must be 1 to 64")]
    [InlineData("""{ "version": "1", "rules": [], "extra": 1 }""", "extra is not a known field")]
    [InlineData("""{ "version": "1", "eventTime": { "idleTimeout": "0s" }, "rules": [] }""", "eventTime.idleTimeout must be positive")]
    public void File_level_errors_name_the_bad_field(string json, string expectedStart) =>
        Assert.Contains(Errors(json), e => e.StartsWith(expectedStart, StringComparison.Ordinal));

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var json = WithRule("""{ "id": "r", "kpi": "Nope", "alerting": { "k": 9, "n": 3 }, "detectors": [ { "type": "ewma", "clearZ": 9 } ] }""");
        Assert.Equal(3, Errors(json).Length);
    }

    [Fact]
    public void ParseOrThrow_lists_every_error()
    {
        var e = Assert.Throws<RulesValidationException>(() => RuleSetParser.ParseOrThrow("""{ "rules": [] }"""));
        Assert.Contains("version is required", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Errors.Count);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("500ms", 0.5)]
    [InlineData("PT15M", 900)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("1m30s", 90)]
    [InlineData("00:15:00", 900)]
    [InlineData(" 2h ", 7200)]
    public void Durations_accept_short_units_and_iso_8601(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("15 minutes")]
    [InlineData("P1X")]
    [InlineData("1h 30m")]
    [InlineData("-5m")]
    [InlineData("99999999999d")]
    [InlineData("5w")]
    public void Bad_durations_are_rejected(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(5400, "1h30m")]
    [InlineData(93784, "1d2h3m4s")]
    public void Durations_format_short_and_read_back(double seconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
