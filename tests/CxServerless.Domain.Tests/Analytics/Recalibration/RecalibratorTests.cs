using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Rules;
using static CxServerless.Domain.Tests.Analytics.Recalibration.RecalibrationScenario;

namespace CxServerless.Domain.Tests.Analytics.Recalibration;

public sealed class RecalibratorTests
{
    [Fact]
    public void Planted_false_alarms_yield_a_draft_whose_backtest_avoids_them_and_keeps_the_confirmed_alert()
    {
        // Two 10-minute bumps to 66 s that people flagged, one 20-minute incident at 120 s that they resolved.
        var input = Input(
            new Bump(120, 10, 66, AlertLabel.FalseAlarm),
            new Bump(300, 10, 66, AlertLabel.FalseAlarm),
            new Bump(600, 20, 120, AlertLabel.Confirmed));
        Assert.Equal(3, input.Fired.Count); // the active 60 s ceiling raised all three

        var proposal = Recalibrator.Propose(input);

        // 66 s stays under a ceiling of 60 × 1.10 = 66 (breach is "above"): the smallest 5 % step that avoids both is 10 %.
        var rule = Assert.Single(proposal.Rules);
        Assert.Equal((3, 2, 0.6667, 10.0), (rule.Alerts, rule.FalseAlarms, rule.FalseAlarmRate, rule.MovePercent));
        var backtest = rule.Backtest!;
        Assert.Equal((3, 3, 1, 2, 2, 1, 1), (backtest.DidFire, backtest.ActiveWouldFire, backtest.WouldFire, backtest.FalseAlarms,
            backtest.FalseAlarmsAvoided, backtest.Confirmed, backtest.ConfirmedKept));
        Assert.Empty(backtest.LostAlertIds);
        Assert.True(proposal.WithinGuardRails);
        Assert.Equal("7-r20261125", proposal.DraftVersion);
        var limit = Assert.IsType<StaticDetectorRule>(Assert.Single(proposal.Draft!.Rules[0].Detectors)).Options;
        Assert.Equal((66.0, 49.5), (limit.Upper, limit.ClearUpper)); // the clear limit moves by the same 10 %
        Assert.Equal("7-r20261125", proposal.Draft.Version);
        Assert.Contains(proposal.Baselines, b => b.Slice == "queue=sales" && b.P50 == 30 && b.StdDev == 0);
    }

    [Fact]
    public void A_draft_that_moves_a_threshold_beyond_the_limit_breaks_a_guard_rail()
    {
        // 80 s needs a ceiling above 80: 60 × 1.35 = 81, a 35 % move against the file's 25 % limit.
        var proposal = Recalibrator.Propose(Input(
            new Bump(120, 10, 80, AlertLabel.FalseAlarm),
            new Bump(300, 10, 80, AlertLabel.FalseAlarm),
            new Bump(600, 20, 150, AlertLabel.Confirmed)));

        Assert.Equal(35.0, Assert.Single(proposal.Rules).MovePercent);
        Assert.False(proposal.WithinGuardRails);
        Assert.Contains(proposal.GuardRailViolations, v => v.Contains("upper moves 35 %, over the 25 % limit", StringComparison.Ordinal));
        Assert.Equal(1, proposal.Rules[0].Backtest!.ConfirmedKept);
    }

    [Fact]
    public void A_draft_that_can_avoid_the_false_alarms_only_by_losing_a_confirmed_alert_breaks_a_guard_rail()
    {
        // The real incident (75 s) is milder than the false alarms (80 s): any ceiling that ignores 80 s ignores 75 s.
        var proposal = Recalibrator.Propose(Input(
            new Bump(120, 10, 80, AlertLabel.FalseAlarm),
            new Bump(300, 10, 80, AlertLabel.FalseAlarm),
            new Bump(600, 20, 75, AlertLabel.Confirmed)));

        var backtest = Assert.Single(proposal.Rules).Backtest!;
        Assert.Equal((2, 0), (backtest.FalseAlarmsAvoided, backtest.ConfirmedKept));
        Assert.Contains(proposal.GuardRailViolations, v => v == "wait: 1 confirmed alert(s) lost in the backtest");
    }

    [Fact]
    public void A_rule_within_its_false_alarm_target_is_left_alone_and_no_draft_is_written()
    {
        var proposal = Recalibrator.Propose(Input(
            new Bump(120, 10, 66, AlertLabel.FalseAlarm),
            new Bump(300, 10, 120, AlertLabel.Confirmed),
            new Bump(600, 20, 120, AlertLabel.Confirmed),
            new Bump(900, 20, 120, AlertLabel.Confirmed),
            new Bump(1200, 20, 120, AlertLabel.Confirmed),
            new Bump(1300, 20, 120, AlertLabel.Confirmed)));

        Assert.False(proposal.HasDraft);
        Assert.Equal((0.0, 1), (proposal.Rules[0].MovePercent, proposal.Rules[0].FalseAlarms));
    }

    [Fact]
    public void The_same_input_gives_the_same_draft()
    {
        var bumps = new[] { new Bump(120, 10, 66, AlertLabel.FalseAlarm), new Bump(300, 10, 66, AlertLabel.FalseAlarm) };
        Assert.Equal(Recalibrator.Propose(Input(bumps)).DraftJson, Recalibrator.Propose(Input(bumps)).DraftJson);
    }

    [Fact]
    public void Draft_versions_name_the_base_version_and_the_day_and_never_stack_suffixes()
    {
        var day = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal("1.2.0-r20261207", Recalibrator.DraftVersionFor("1.2.0", day));
        Assert.Equal("1.2.0-r20261207", Recalibrator.DraftVersionFor("1.2.0-r20261130", day));
    }

    [Fact]
    public void Guard_rails_refuse_a_draft_that_switches_a_detector_off()
    {
        var fewer = WaitRules with { Rules = [WaitRules.Rules[0] with { Detectors = [] }] };
        Assert.Equal(["wait: a detector is switched off or changed"], GuardRails.Check(WaitRules, fewer, []));
    }

    [Fact]
    public void Versions_of_another_shape_cannot_replace_each_other()
    {
        var other = RuleSetParser.ParseOrThrow(RulesJson.Replace("queue=*", "team=*", StringComparison.Ordinal));
        Assert.Empty(RulesShape.Differences(WaitRules, WaitRules with { Version = "8" }));
        Assert.Single(RulesShape.Differences(WaitRules, other));
    }

    [Fact]
    public void A_ten_percent_move_of_the_shipped_rules_moves_each_detector_type_as_documented_and_stays_valid()
    {
        var active = DefaultRules.Load();
        var moves = active.Rules.ToDictionary(r => r.Id, _ => 10.0);
        var (json, changes) = RuleTuning.Apply(DefaultRules.Json, active, "1.2.0-r20261207", moves);
        var draft = RuleSetParser.ParseOrThrow(json);

        double Moved(string rule, int detector, string field) =>
            changes.Single(c => c.RuleId == rule && c.Detector == detector && c.Field == field).To;
        Assert.Equal((66.0, 49.5), (Moved("queue-wait", 0, "upper"), Moved("queue-wait", 0, "clearUpper")));
        Assert.Equal(4.4, Moved("queue-wait", 1, "breachZ"));
        Assert.Equal((2.1, 8.8), (Moved("abandonment", 1, "spikeFactor"), Moved("abandonment", 1, "minChange")));
        Assert.Equal((2.1, 0.2727), (Moved("contact-volume", 0, "spikeFactor"), Moved("contact-volume", 0, "dipFactor")));
        Assert.Equal(
            (0.0909, -0.55, -0.33),
            (Moved("sentiment", 0, "lower"), Moved("sentiment", 1, "lower"), Moved("sentiment", 1, "clearLower")));
        Assert.DoesNotContain(changes, c => c.RuleId == "nps"); // a zero floor cannot move by a percentage
        Assert.Equal("1.2.0-r20261207", draft.Version);
        var ewma = Assert.IsType<EwmaDetectorRule>(draft.Rules[0].Detectors[1]).Options;
        Assert.Equal((4.4, 2.0, BreachDirection.Above), (ewma.BreachZ, ewma.ClearZ, ewma.Direction));
        Assert.Empty(RulesShape.Differences(active, draft));
        Assert.All(changes, c => Assert.InRange(c.MovePercent, 0.1, 10.0 + 1e-9));
    }

    [Fact]
    public void The_recalibration_section_is_validated_like_the_rest_of_the_file()
    {
        Assert.Equal(25, WaitRules.Recalibration.MaxThresholdMovePercent);
        Assert.Equal(TimeSpan.FromDays(1), WaitRules.Recalibration.Backtest);
        Assert.Equal(RecalibrationPolicy.Default, DefaultRules.Load().Recalibration);
        var bad = RuleSetParser.Parse(
            RulesJson.Replace("\"backtest\": \"1d\"", "\"backtest\": \"3d\", \"maxMove\": 1", StringComparison.Ordinal));
        Assert.Null(bad.RuleSet);
        const string TooLong = "recalibration.backtest must be positive and at most history";
        Assert.Contains(bad.Errors, e => e.ToString().Contains(TooLong, StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.ToString().Contains("maxMove is not a known field", StringComparison.Ordinal));
    }
}
