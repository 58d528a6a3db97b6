using CxServerless.Domain.Escalation;

namespace CxServerless.Domain.Tests.Escalation;

public sealed class EscalationKpisTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Figures_cover_the_tasks_created_in_the_window()
    {
        TaskFacts[] tasks =
        [
            // Acknowledged after 2 min, resolved after 30 min, escalated once.
            new(Now.AddHours(-2), Now.AddHours(-2).AddMinutes(2), Now.AddHours(-2).AddMinutes(30), "resolved", false, 1, "wait"),
            // Acknowledged after 4 min, a false alarm after 10 min.
            new(Now.AddHours(-1), Now.AddHours(-1).AddMinutes(4), Now.AddHours(-1).AddMinutes(10), "falseAlarm", false, 0, "wait"),
            // Never acknowledged, breached after two escalations, closed by the alert resolving after 90 min.
            new(Now.AddHours(-3), null, Now.AddHours(-3).AddMinutes(90), "alertResolved", true, 2, "csat"),
            // Still open.
            new(Now.AddMinutes(-5), null, null, null, false, 0, "manual"),
            // Outside the window: created 25 h ago.
            new(Now.AddHours(-25), Now.AddHours(-25), Now.AddHours(-25), "falseAlarm", true, 5, "wait"),
        ];

        var kpis = EscalationKpis.Compute(tasks, Now, TimeSpan.FromHours(24));

        Assert.Equal(4, kpis.Tasks);
        Assert.Equal((2, TimeSpan.FromMinutes(3)), (kpis.Acknowledged, kpis.MeanTimeToAcknowledge));
        Assert.Equal((2, TimeSpan.FromMinutes(60)), (kpis.Resolved, kpis.MeanTimeToResolve));
        Assert.Equal((1, 0.25), (kpis.SlaBreaches, kpis.SlaBreachRate));
        Assert.Equal((3, 0.75), (kpis.Escalations, kpis.EscalationsPerAlert));
        Assert.Equal(
            [new RuleFalseAlarms("wait", 2, 1, 0.5), new RuleFalseAlarms("csat", 1, 0, 0), new RuleFalseAlarms("manual", 1, 0, 0)],
            kpis.Rules);
    }

    [Fact]
    public void Without_tasks_the_rates_are_empty_not_zero()
    {
        var kpis = EscalationKpis.Compute([], Now, TimeSpan.FromHours(24));

        Assert.Equal(
            (0, null, null, null, null),
            (kpis.Tasks, kpis.MeanTimeToAcknowledge, kpis.MeanTimeToResolve, kpis.SlaBreachRate, kpis.EscalationsPerAlert));
    }
}
