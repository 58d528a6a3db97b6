using System.Text.Json.Nodes;
using CxHost.Hosting;
using CxHost.Timers;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class TimerTriggerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_timer_runs_on_startup_then_fires_on_its_schedule_and_a_missed_run_is_past_due()
    {
        await using var app = new FixtureFunctionApp(azurite);
        app.Settings["TickSchedule"] = "*/2 * * * * *";
        app.Function("Tick", FunctionJson.Timer("%TickSchedule%", runOnStartup: true));
        app.Function("Yearly", FunctionJson.Timer("0 0 0 1 1 *", runOnStartup: false));

        // Yearly's stored status says its last run was due a minute ago: cx-host was down then, so it runs now, past due.
        var statuses = new TimerStatusStore(azurite.Blobs, CxHostApplication.HostId(app.AppRoot));
        var now = DateTimeOffset.UtcNow;
        await statuses.WriteAsync("Yearly", new ScheduleStatus(now.AddYears(-1), now.AddMinutes(-1), now.AddYears(-1)), CancellationToken.None);
        try
        {
            await app.StartAsync();
            var ticks = await FixtureFunctionApp.EventuallyAsync(() => app.EnvelopesAsync("Tick"), e => e.Count >= 3, TimeSpan.FromSeconds(30), "three ticks");
            var startup = Assert.IsType<JsonObject>(ticks[0]["Data"]!["timer"]);
            Assert.False(startup["IsPastDue"]!.GetValue<bool>());
            Assert.True(startup["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
            var scheduled = ticks[2]["Data"]!["timer"]!.AsObject();
            var status = Assert.IsType<JsonObject>(scheduled["ScheduleStatus"]);
            Assert.True(DateTimeOffset.Parse(status["Next"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(status["Last"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

            var yearly = await FixtureFunctionApp.EventuallyAsync(() => app.EnvelopesAsync("Yearly"), e => e.Count >= 1, TimeSpan.FromSeconds(30), "the past-due run");
            Assert.True(yearly[0]["Data"]!["timer"]!["IsPastDue"]!.GetValue<bool>());
            var stored = await statuses.ReadAsync("Yearly", CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(new DateTimeOffset(now.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero), stored.Next);
        }
        finally
        {
            var container = azurite.Blobs.GetBlobContainerClient(TimerStatusStore.ContainerName);
            await container.DeleteBlobIfExistsAsync(statuses.BlobName("Yearly"));
            await container.DeleteBlobIfExistsAsync(statuses.BlobName("Tick"));
        }
    }
}
