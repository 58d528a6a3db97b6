using CxHost.Configuration;
using CxServerless.Domain.Events;
using Xunit.Abstractions;

namespace CxServerless.Fault.Tests;

/// <summary>
/// Two instances of the real app on an Azurite of the test's own (other ports, data in a temporary folder), under steady
/// cx-sim load. Storage is stopped for 30 s mid-stream and started again; nothing is restarted by hand. Every event the
/// producer was told was accepted must be stored once and counted once. It shares nothing with the other fault tests,
/// so it has a collection of its own and runs beside them (keeping the project within about four minutes).
/// </summary>
[Collection(nameof(StorageOutageTests))]
public sealed class StorageOutageTests(ITestOutputHelper output)
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
    public async Task Stopping_storage_for_30_seconds_mid_stream_loses_nothing_and_the_app_recovers_by_itself()
    {
        await using var azurite = new OwnAzurite();
        await azurite.StartAsync();
        await using var app = await FaultApp.StartAsync(azurite.ConnectionString, TwoInstances, alsoEnabled: ["Heartbeat"]);
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Wait.UntilAsync(
            () => app.PartitionOwnersAsync(TwoInstances.PartitionOwnershipExpiration),
            o => o.Count == 4 && o.Values.Distinct().Count() == 2,
            TimeSpan.FromSeconds(60), "a split");

        await using var load = SteadyLoad.Start(app.Host.BaseAddress, app.Hub, contactsPerMinute: 150);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var storedBefore = (await StoredTotals.ReadAsync(app, http)).StoredIds.Count;
        await azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(30));
        await azurite.StartAsync();
        var restarted = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(20));
        await load.StopAsync();

        var owed = load.Ledger.Ids.ToHashSet(StringComparer.Ordinal);
        var totals = await Wait.UntilAsync(
            () => StoredTotals.ReadAsync(app, http),
            t => t.StoredIds.IsSupersetOf(owed) && t.Counter("stored") == t.StoredIds.Count
                && t.ContactVolume + t.LateStarts >= StartsAmong(load.Ledger, t.StoredIds),
            TimeSpan.FromSeconds(120), "everything stored and counted", pollMs: 2000,
            describe: t => $"missing {owed.Count(id => !t.StoredIds.Contains(id))} of {owed.Count} accepted "
                + $"(e.g. {string.Join(", ", owed.Where(id => !t.StoredIds.Contains(id)).Take(3))}); ContactStarted stored "
                + $"{StartsAmong(load.Ledger, t.StoredIds)}; {t}");
        var starts = StartsAmong(load.Ledger, totals.StoredIds);
        output.WriteLine($"stored before the outage {storedBefore}; accepted {owed.Count}, failed sends {load.Ledger.Failed}; {totals}; "
            + $"handler restarts {string.Join("/", app.Host.Instances.Select(i => i.Handler.Restarts))}");

        Assert.True(storedBefore > 0, "nothing was stored before the outage");
        Assert.Empty(owed.Except(totals.StoredIds));                        // none lost
        Assert.Equal(totals.StoredIds.Count, totals.StoredRows);            // none stored twice
        Assert.Equal(starts, totals.ContactVolume + totals.LateStarts);     // each stored ContactStarted counted once
        Assert.Equal(totals.StoredIds.Count, totals.Counter("stored"));
        Assert.Equal(
            totals.Counter("received"), totals.Counter("stored") + totals.Counter("duplicates") + totals.Counter("quarantinedTotal"));
        Assert.All(app.Host.Instances, i => Assert.True(i.IsAlive));

        // The timers run again by themselves: a storage failure must not be taken for a bad schedule and stop one for good.
        // Heartbeat runs every minute and keeps its schedule status (EvaluateAlerts, every 2 s, keeps none).
        var beat = await Wait.UntilAsync(
            () => app.TimerLastRunAsync("Heartbeat"), last => last > restarted, TimeSpan.FromSeconds(90),
            "the Heartbeat timer running after the outage", pollMs: 2000);
        output.WriteLine($"Heartbeat last ran {beat:O}, storage back at {restarted:O}");
    }

    /// <summary>Stored events that are <c>ContactStarted</c>: accepted ones, and any whose failed send still reached the log.</summary>
    private static int StartsAmong(TrafficLedger ledger, IEnumerable<string> stored) =>
        stored.Count(id => ledger.TypeOf(id) == CxEventType.ContactStarted);
}
