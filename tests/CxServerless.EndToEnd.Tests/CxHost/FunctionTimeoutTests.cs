using System.Net;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class FunctionTimeoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_invocation_exceeding_functionTimeout_fails_and_restarts_the_handler()
    {
        await using var app = new FixtureFunctionApp(azurite, functionTimeout: "00:00:02");
        app.Settings["FixtureHang"] = "Slow";
        app.Function("Slow", FunctionJson.Http("slow", "get"));
        app.Function("Fast", FunctionJson.Http("fast", "get"));
        await app.StartAsync();
        var firstPid = app.Host.Handler.ProcessId;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var slow = await app.Http.GetAsync("api/slow");
        Assert.Equal(HttpStatusCode.InternalServerError, slow.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(30));

        Assert.Equal(1, app.Host.Handler.Restarts);
        Assert.NotEqual(firstPid, app.Host.Handler.ProcessId);
        var starts = await FixtureFunctionApp.EventuallyAsync(() => app.HandlerStartsAsync(), s => s.Count >= 2, TimeSpan.FromSeconds(10), "the second handler start");
        Assert.Equal(2, starts.Distinct().Count());

        using var fast = await app.Http.GetAsync("api/fast");
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
    }

    [Fact]
    public async Task A_handler_that_dies_is_started_again()
    {
        await using var app = new FixtureFunctionApp(azurite);
        app.Function("Fast", FunctionJson.Http("fast", "get"));
        await app.StartAsync();
        var firstPid = app.Host.Handler.ProcessId;

        System.Diagnostics.Process.GetProcessById(firstPid).Kill();
        await FixtureFunctionApp.EventuallyAsync(() => Task.FromResult(app.Host.Handler.ProcessId), pid => pid != 0 && pid != firstPid, TimeSpan.FromSeconds(30), "the restarted handler");

        using var fast = await app.Http.GetAsync("api/fast");
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);
        Assert.Equal(1, app.Host.Handler.Restarts);
    }
}
