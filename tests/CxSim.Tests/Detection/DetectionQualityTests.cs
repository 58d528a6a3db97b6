using System.Diagnostics;
using System.Globalization;
using CxServerless.Domain.Analytics.Rules;
using CxSim.Detection;
using CxSim.Generation;
using CxSim.Incidents;
using Xunit.Abstractions;
using static CxSim.Tests.Detection.DetectionScenarios;

namespace CxSim.Tests.Detection;

public sealed class DetectionQualityTests(ITestOutputHelper output)
{
    private static readonly RuleSet Rules = DefaultRules.Load();

    [Fact]
    public void Explore()
    {
        var scenario = WithIncidents(21, 1,
            At(IncidentKind.WaitSpike, 8, 30, IncidentSlice.All),
            At(IncidentKind.AbandonmentSurge, 10.5, 30, Queue("tech-support")),
            At(IncidentKind.CsatDip, 13, 60, Team("team-billing")),
            At(IncidentKind.DeadQueue, 15.5, 30, Queue("sales")),
            At(IncidentKind.WaitSpike, 18, 30, Channel(CxServerless.Domain.Events.CxChannel.Voice)),
            At(IncidentKind.AbandonmentSurge, 20.5, 30, IncidentSlice.All));
        var clock = Stopwatch.StartNew();
        var generator = new TrafficGenerator(scenario);
        var replay = new AlertReplay(Rules);
        replay.Run(generator.Generate());
        output.WriteLine($"{clock.Elapsed} {replay.Counters.Delivered} events, {replay.Counters.Counted} counted, {replay.Counters.TooLate} too late, {replay.Counters.Evaluations} evaluations");
        foreach (var t in replay.Transitions)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.RaisedAt:MM-dd HH:mm:ss} {t.Transition.Kind} {t.Alert.RuleId} {t.Alert.Slice} {t.Alert.Detector} {t.Alert.Message}"));
        }

        var score = DetectionScorer.Score(generator.Labels, replay.Transitions, Rules, new TrafficCells(scenario), new MatchingRule(MatchingRule.DefaultGrace, Monday));
        foreach (var i in score.Incidents)
        {
            output.WriteLine($"{i.Label.Kind} {string.Join(',', i.Label.Slice.Select(p => p.Key + "=" + p.Value))} {i.Label.Start:HH:mm} → {i.Alert?.RuleId} {i.Alert?.Slice} {i.OpenDelay} {i.RaiseDelay}");
        }

        foreach (var a in score.FalseAlerts)
        {
            output.WriteLine($"FALSE {a.Alert.RuleId} {a.Alert.Slice} {a.Alert.OpenedAt:MM-dd HH:mm} {a.Alert.Message}");
        }

        output.WriteLine($"precision {score.Precision:F3} strict {score.StrictPrecision:F3} recall {score.Recall:F3}");
        Assert.NotEmpty(score.Incidents);
    }
}
