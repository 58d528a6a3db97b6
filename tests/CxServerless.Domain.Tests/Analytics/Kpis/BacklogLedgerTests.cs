using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Kpis;

public sealed class BacklogLedgerTests
{
    [Fact]
    public void Snapshot_counts_open_and_aged_cases()
    {
        var ledger = new BacklogLedger();
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddDays(-3), conversation: "old"));
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddDays(-1), conversation: "recent"));
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddDays(-5), conversation: "closed"));
        ledger.Apply(Event(CxEventType.CaseResolved, T0.AddDays(-4), conversation: "closed"));

        var snapshot = ledger.Snapshot(T0, TimeSpan.FromDays(2));
        Assert.Equal(2, snapshot.Open);
        Assert.Equal(1, snapshot.Aged);
        Assert.Equal(T0.AddDays(-3), snapshot.OldestOpenedAt);
    }

    [Fact]
    public void A_resolve_that_arrives_before_its_open_wins()
    {
        var ledger = new BacklogLedger();
        ledger.Apply(Event(CxEventType.CaseResolved, T0, conversation: "x"));
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddHours(-1), conversation: "x"));
        Assert.Equal(0, ledger.Snapshot(T0, TimeSpan.FromDays(2)).Open);
    }

    [Fact]
    public void The_memory_of_resolved_cases_is_bounded_by_the_watermark_and_by_its_size()
    {
        var ledger = new BacklogLedger(maxResolved: 50);
        for (var i = 0; i < 500; i++)
        {
            ledger.Apply(Event(CxEventType.CaseResolved, T0.AddMinutes(i), conversation: $"case-{i}"));
            Assert.InRange(ledger.ResolvedCount, 1, 50);
        }

        ledger.ForgetResolvedBefore(T0.AddMinutes(480));
        Assert.Equal(20, ledger.ResolvedCount);

        // A case still remembered keeps winning over its older open; the order survives a second resolve of a case.
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddMinutes(490), conversation: "case-499"));
        Assert.Equal(0, ledger.Snapshot(T0.AddDays(1), TimeSpan.FromDays(2)).Open);
        ledger.Apply(Event(CxEventType.CaseResolved, T0.AddMinutes(600), conversation: "case-480"));
        ledger.ForgetResolvedBefore(T0.AddMinutes(500));
        Assert.Equal(1, ledger.ResolvedCount);
    }

    [Fact]
    public void A_reopened_case_is_open_again()
    {
        var ledger = new BacklogLedger();
        ledger.Apply(Event(CxEventType.CaseOpened, T0.AddHours(-3), conversation: "x"));
        ledger.Apply(Event(CxEventType.CaseResolved, T0.AddHours(-2), conversation: "x"));
        ledger.Apply(Event(CxEventType.CaseReopened, T0.AddHours(-1), conversation: "x"));
        Assert.Equal(1, ledger.Snapshot(T0, TimeSpan.FromDays(2)).Open);
    }
}
