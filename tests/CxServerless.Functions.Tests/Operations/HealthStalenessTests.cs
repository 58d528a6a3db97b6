using System.Text.Json.Nodes;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Operations;
using CxServerless.Functions.Security;
using CxServerless.Functions.Storage;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using CxServerless.Workflows.Hosting;
using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Operations;

/// <summary>How the heartbeat's age decides health, under a fake clock and a heartbeat table of the test's own.</summary>
[Collection(AzuriteTests.Name)]
public sealed class HealthStalenessTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private (HealthFunction Health, HeartbeatStore Beats) Create(string? connectionString = null)
    {
        var storage = StorageAccount.FromConnectionString(connectionString ?? azurite.ConnectionString);
        var beats = new HeartbeatStore(storage.Tables.GetTableClient(AzuriteFixture.UniqueName("heartbeat")));
        var services = new HttpFunctionServices(
            Options.Create(new SecurityOptions()),
            new AuditLog(storage.Tables.GetTableClient(AzuriteFixture.UniqueName("audit")), _time),
            NullLogger<HttpFunction>.Instance);
        return (new HealthFunction(services, storage, beats, UnstartedWorker(azurite.ConnectionString), _time), beats);
    }

    /// <summary>A worker that was never started: health reports it as starting.</summary>
    private static WorkflowHost UnstartedWorker(string connectionString) => new(
        new WorkflowRegistry(),
        new ServiceCollection().AddSingleton(new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "healthunstarted",
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        })).BuildServiceProvider(),
        Options.Create(new WorkflowOptions()),
        NullLoggerFactory.Instance);

    private static readonly string OpsAdmin = ClientPrincipalReader.Encode("aad", "ops", ["OpsAdmin"]);

    /// <summary>Health as an OpsAdmin sees it (with the details), or as <paramref name="principal"/> sees it.</summary>
    private static async Task<(int Status, JsonNode Body)> GetAsync(HealthFunction health, string? principal = "")
    {
        var headers = new JsonObject();
        if (principal is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(principal.Length == 0 ? OpsAdmin : principal);
        }

        var req = new JsonObject { ["Url"] = "http://x/api/health", ["Method"] = "GET", ["Headers"] = headers };
        var result = await health.InvokeAsync(new InvocationRequest("Health", "t", new JsonObject { ["req"] = req }, []), CancellationToken.None);
        var res = result.Outputs["res"]!;
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!);
    }

    [Fact]
    public async Task A_fresh_handler_without_a_beat_is_starting_then_unhealthy_when_none_comes()
    {
        var (health, _) = Create();
        var (status, body) = await GetAsync(health);
        Assert.Equal(200, status);
        Assert.Equal("starting", body["status"]!.GetValue<string>());
        Assert.Equal("starting", body["workflows"]!["worker"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromMinutes(4));
        (status, body) = await GetAsync(health);
        Assert.Equal(503, status);
        Assert.Contains("stalled", body["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_beat_keeps_health_green_until_it_is_older_than_three_minutes()
    {
        var (health, beats) = Create();
        _time.Advance(TimeSpan.FromMinutes(10));
        await beats.RecordAsync(_time.GetUtcNow(), isPastDue: false, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(2));
        var (status, body) = await GetAsync(health);
        Assert.Equal(200, status);
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal(120, body["heartbeat"]!["ageSeconds"]!.GetValue<double>());

        _time.Advance(TimeSpan.FromMinutes(2));
        (status, body) = await GetAsync(health);
        Assert.Equal(503, status);
        Assert.True(body["heartbeat"]!["stale"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_beat_left_from_an_earlier_run_does_not_fail_a_freshly_started_handler()
    {
        var storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var table = AzuriteFixture.UniqueName("heartbeat");
        await new HeartbeatStore(storage.Tables.GetTableClient(table)).RecordAsync(_time.GetUtcNow().AddHours(-5), false, CancellationToken.None);
        var fresh = new HealthFunction(
            new HttpFunctionServices(Options.Create(new SecurityOptions()), new AuditLog(storage.Tables.GetTableClient(AzuriteFixture.UniqueName("audit")), _time), NullLogger<HttpFunction>.Instance),
            storage, new HeartbeatStore(storage.Tables.GetTableClient(table)), UnstartedWorker(azurite.ConnectionString), _time);

        var (status, body) = await GetAsync(fresh);
        Assert.Equal(200, status);
        Assert.Equal("starting", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_callers_and_other_roles_get_the_status_only_and_an_OpsAdmin_the_details()
    {
        var (health, _) = Create();
        foreach (var principal in new string?[] { null, ClientPrincipalReader.Encode("aad", "sup", ["Supervisor", "Auditor"]) })
        {
            var (status, body) = await GetAsync(health, principal);
            Assert.Equal(200, status);
            Assert.Equal(["status"], body.AsObject().Select(p => p.Key));
            Assert.Equal("starting", body["status"]!.GetValue<string>());
        }

        var (_, details) = await GetAsync(health);
        Assert.True(details["storage"]!["reachable"]!.GetValue<bool>());
        Assert.NotNull(details["version"]);
        Assert.NotNull(details["workflows"]);
    }

    [Fact]
    public async Task Health_reads_storage_at_most_once_per_ten_seconds_however_often_it_is_called()
    {
        await using var proxy = await CountingStorageProxy.StartAsync(azurite.ConnectionString);
        var (health, beats) = Create(proxy.ConnectionString);
        await beats.RecordAsync(_time.GetUtcNow(), isPastDue: false, CancellationToken.None);

        var before = proxy.Requests;
        await GetAsync(health, principal: null);
        var oneReading = proxy.Requests - before;
        Assert.True(oneReading > 0, "the first call reads storage");

        // 100 more calls over 9.9 s, anonymous and OpsAdmin alike: not one more storage request.
        for (var i = 0; i < 100; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(99));
            await GetAsync(health, principal: i % 2 == 0 ? null : string.Empty);
        }

        Assert.Equal(oneReading, proxy.Requests - before);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        await GetAsync(health, principal: null);
        Assert.Equal(2 * oneReading, proxy.Requests - before);
    }
}
