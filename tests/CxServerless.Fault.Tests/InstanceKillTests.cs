using CxHost.Configuration;
using CxServerless.Domain.Events;
using CxServerless.Testing;
using Xunit.Abstractions;

namespace CxServerless.Fault.Tests;

/// <summary>
/// Two instances of the real app under steady cx-sim load; the one holding the alert evaluator's timer lock is killed
/// mid-stream (handler process killed, nothing released). Its partitions must move to the survivor within the ownership
/// expiry, every accepted event must be stored once and counted once in the KPI buckets, and each alert probe (one sent
/// before the kill, one after) must give exactly one alert.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class InstanceKillTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly ScaleOutOptions TwoInstances = new()
    {
        Instances = 2,
        LoadBalancingUpdateInterval = TimeSpan.FromSeconds(2),
        PartitionOwnershipExpiration = TimeSpan.FromSeconds(10),
        TimerLockPeriod = TimeSpan.FromSeconds(15),
        TimerLockPollingInterval = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task Killing_an_instance_mid_stream_moves_its_partitions_and_loses_or_repeats_nothing()
    {
        var expiry = TwoInstances.PartitionOwnershipExpiration;
        await using var app = await FaultApp.StartAsync(azurite.ConnectionString, TwoInstances);
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Wait.UntilAsync(
            () => app.PartitionOwnersAsync(expiry),
            o => o.Count == 4 && o.Values.Distinct().Count() == 2,
            TimeSpan.FromSeconds(60),
            "a split");
        var timerOwner = await Wait.UntilAsync(
            () => app.TimerLockOwnerAsync("EvaluateAlerts"), o => o is not null, TimeSpan.FromSeconds(30), "the evaluator's lock");
        var victim = app.Host.Instances.Single(i => i.Identity.OwnerId == timerOwner);
        var survivor = app.Host.Instances.Single(i => i != victim).Identity.OwnerId;
        var run = Guid.NewGuid().ToString("N")[..6];
        string[] probes = [$"probe-{run}-before", $"probe-{run}-after"];

        await using var load = SteadyLoad.Start(app.Host.BaseAddress, app.Hub, contactsPerMinute: 180);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await AlertProbes.SendAsync(load.Ledger, probes[0]);
        await Task.Delay(TimeSpan.FromSeconds(6));
        var killedAt = DateTime.UtcNow;
        await app.Host.KillInstanceAsync(victim.Identity.Index);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await AlertProbes.SendAsync(load.Ledger, probes[1]);

        await Wait.UntilAsync(
            () => app.PartitionOwnersAsync(expiry), o => o.Count == 4 && o.Values.All(v => v == survivor), expiry * 3, "the takeover");
        var takeover = DateTime.UtcNow - killedAt;
        Assert.True(takeover <= expiry + (TwoInstances.LoadBalancingUpdateInterval * 2) + TimeSpan.FromSeconds(8),
            $"the survivor owned every partition {takeover.TotalSeconds:0.0} s after the kill (expiry {expiry.TotalSeconds} s)");
        await Wait.UntilAsync(() => app.TimerLockOwnerAsync("EvaluateAlerts"), o => o == survivor, TimeSpan.FromSeconds(40), "the timer");

        // The load goes on until both probes' minutes are final and their alerts are written.
        var alerts = await Wait.UntilAsync(
            () => AlertProbes.AlertRowsAsync(app.Alerts), a => probes.All(p => a.Keys.Any(k => k.Contains(p, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(150), "both probes' alerts", pollMs: 1000);
        await load.StopAsync();

        var owed = load.Ledger.Ids.ToHashSet(StringComparer.Ordinal);
        var startsOwed = load.Ledger.AcceptedOf(CxEventType.ContactStarted);
        var totals = await Wait.UntilAsync(
            () => StoredTotals.ReadAsync(app, http),
            t => t.StoredIds.IsSupersetOf(owed) && t.Counter("stored") == t.StoredIds.Count && t.ContactVolume >= startsOwed - t.LateRows,
            TimeSpan.FromSeconds(90), "everything stored and counted", pollMs: 2000);

        output.WriteLine(
            $"takeover {takeover.TotalSeconds:0.0} s; accepted {owed.Count} events ({startsOwed} ContactStarted), failed sends "
            + $"{load.Ledger.Failed}; {totals}; probe alerts {string.Join(", ", alerts)}");
        Assert.Empty(owed.Except(totals.StoredIds));                        // none lost
        Assert.Equal(totals.StoredIds.Count, totals.StoredRows);            // none stored twice
        Assert.Equal(0, totals.LateRows);                                   // in real time, in order: nothing late
        Assert.Equal(startsOwed, totals.ContactVolume);                     // each ContactStarted counted exactly once
        Assert.Equal(totals.StoredIds.Count, totals.Counter("stored"));
        Assert.Equal(0, totals.Counter("quarantinedTotal"));
        Assert.Equal(totals.Counter("received"), totals.Counter("stored") + totals.Counter("duplicates"));
        foreach (var probe in probes)
        {
            var rows = alerts.Where(a => a.Key.Contains(probe, StringComparison.Ordinal)).ToList();
            Assert.Equal(1, Assert.Single(rows).Value);                     // one alert row, not two
            Assert.Equal(1, await AlertProbes.AnnouncementsAsync(app.AlertsQueue, probe));
        }
    }
}
