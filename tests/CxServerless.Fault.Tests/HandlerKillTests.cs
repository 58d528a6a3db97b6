using System.Diagnostics;
using CxHost.Configuration;
using CxServerless.Domain.Events;
using CxServerless.Testing;
using Xunit.Abstractions;

namespace CxServerless.Fault.Tests;

/// <summary>
/// The real app under steady cx-sim load; its handler process is killed (SIGKILL) 20 times in a row, each time while an
/// invocation is running, at a random moment. cx-host restarts it and the retry policy redelivers the batch. The
/// counters must add up: every accepted event stored once, counted once in the KPI buckets and in the ingestion counters.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class HandlerKillTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public async Task A_handler_killed_inside_an_invocation_twenty_times_in_a_row_loses_and_double_counts_nothing()
    {
        await using var app = await FaultApp.StartAsync(azurite.ConnectionString, new ScaleOutOptions(), partitions: 2);
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var instance = app.Host.Instances[0];
        var random = new Random(20);
        var killed = 0;
        await using var load = SteadyLoad.Start(app.Host.BaseAddress, app.Hub, contactsPerMinute: 150);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (killed < Kills && DateTime.UtcNow < deadline)
        {
            await instance.Handler.WaitReadyAsync(CancellationToken.None);
            await Task.Delay(random.Next(50, 600));
            var waited = Stopwatch.StartNew();
            while (instance.Invoker.InFlight == 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(random.Next(1, 20));
            }

            if (instance.Invoker.InFlight > 0 && instance.Handler.ProcessId is var pid and not 0)
            {
                using var victim = Process.GetProcessById(pid);
                victim.Kill();
                killed++;
                await Wait.UntilAsync(
                    () => Task.FromResult(instance.Handler.ProcessId), p => p != pid && p != 0, TimeSpan.FromSeconds(60), "a restart");
            }
        }

        await load.StopAsync();
        Assert.Equal(Kills, killed);

        var owed = load.Ledger.Ids.ToHashSet(StringComparer.Ordinal);
        var startsOwed = load.Ledger.AcceptedOf(CxEventType.ContactStarted);
        var totals = await Wait.UntilAsync(
            () => StoredTotals.ReadAsync(app, http),
            t => t.StoredIds.IsSupersetOf(owed) && t.Counter("stored") == t.StoredIds.Count && t.ContactVolume + t.LateStarts >= startsOwed,
            TimeSpan.FromSeconds(90), "everything stored and counted", pollMs: 2000);
        output.WriteLine(
            $"{killed} kills, {instance.Handler.Restarts} restarts; accepted {owed.Count} ({startsOwed} ContactStarted); {totals}");

        Assert.Empty(owed.Except(totals.StoredIds));
        Assert.Equal(owed.Count, totals.StoredIds.Count);
        Assert.Equal(totals.StoredIds.Count, totals.StoredRows);
        Assert.Equal(startsOwed, totals.ContactVolume + totals.LateStarts);
        Assert.Equal(totals.StoredIds.Count, totals.Counter("stored"));
        Assert.Equal(owed.Count, totals.Counter("received") - totals.Counter("duplicates"));
        Assert.Equal(0, totals.Counter("quarantinedTotal"));
    }
}
