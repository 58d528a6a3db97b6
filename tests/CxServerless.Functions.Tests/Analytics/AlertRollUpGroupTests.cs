using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Analytics;

/// <summary>
/// Roll-up across KPIs through the real handler on Azurite. Two rules route to the queue supervisors: the wait on all
/// contacts, and service level per team (which watches no all slice). When every answer waits 100 s, the all-contacts wait
/// alert pages, and each team's service-level alert (0 % within 20 s) is stored as its child: listed with the wait alert's
/// id as parent, with no queue message of its own.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AlertRollUpGroupTests : IAsyncLifetime, IDisposable
{
    private const string RulesVersion = "test-group-1";
    private readonly AzuriteFixture _azurite;
    private readonly IngestionTables _tables;
    private readonly string _alerts = AzuriteFixture.UniqueName("al");
    private readonly string _queue = AzuriteFixture.UniqueName("alerts").ToLowerInvariant();
    private readonly string _buckets = AzuriteFixture.UniqueName("mb");
    private readonly string _baselines = AzuriteFixture.UniqueName("bl");
    private readonly HandlerServer _server;

    public AlertRollUpGroupTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _tables = new IngestionTables(azurite);
        var rulesFile = Path.Combine(Directory.CreateTempSubdirectory("cx-rules-").FullName, "rules.json");
        File.WriteAllText(rulesFile, $$"""
            {
              "version": "{{RulesVersion}}",
              "eventTime": { "allowedLateness": "1m", "idleTimeout": "10m" },
              "defaults": {
                "window": { "kind": "tumbling", "size": "1m" },
                "alerting": { "k": 1, "n": 1, "cooldown": "1m", "recoverAfter": 2, "rollUp": "5m" }
              },
              "rules": [
                { "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["all"], "route": { "team": "queue-supervisors" },
                  "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45, "severity": "Critical", "minSamples": 1 } ] },
                { "id": "team-service-level", "kpi": "ServiceLevel", "slices": ["team=*"], "route": { "team": "queue-supervisors" },
                  "detectors": [ { "type": "static", "lower": 80, "clearLower": 85, "severity": "Error", "minSamples": 1 } ] }
              ]
            }
            """);
        var settings = new Dictionary<string, string>(_tables.Settings)
        {
            ["CxRulesFile"] = rulesFile,
            ["CxMetricBucketsTable"] = _buckets,
            ["CxAlertsTable"] = _alerts,
            ["CxBaselinesTable"] = _baselines,
            ["CxAlertsQueue"] = _queue,
            ["CxKpiRefresh"] = "00:00:00",
        };
        _server = new HandlerServer(azurite.ConnectionString, settings: settings);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => _server.Dispose();

    public async Task DisposeAsync()
    {
        await _tables.DeleteAsync();
        foreach (var table in new[] { _buckets, _alerts, _baselines })
        {
            await _azurite.Tables.GetTableClient(table).DeleteAsync();
        }

        await new QueueClient(_azurite.ConnectionString, _queue).DeleteIfExistsAsync();
    }

    [Fact]
    public async Task A_teams_service_level_alert_is_stored_under_the_all_contacts_wait_alert_and_pages_nobody()
    {
        using var client = _server.Client();
        var (events, breachEnd) = AnalyticsApi.SlowAnswersOnTwoTeams(withStarts: false);
        await IngestionClient.IngestAsync(_server.Client(), _tables.EventHub, "0", events);
        await AnalyticsApi.EvaluateAlertsAsync(client);
        await AnalyticsApi.EvaluateAlertsAsync(client);

        var rows = new List<TableEntity>();
        await foreach (var row in _azurite.Tables.GetTableClient(_alerts).QueryAsync<TableEntity>(e => e.PartitionKey == "alert"))
        {
            rows.Add(row);
        }

        var parentId = AlertId.For(RulesVersion, KpiId.AverageSpeedOfAnswer, Slice.All, breachEnd);
        var parent = Assert.Single(rows, r => r.GetString("Kpi") == nameof(KpiId.AverageSpeedOfAnswer));
        Assert.Equal(parentId, parent.RowKey);
        Assert.Null(parent.GetString("ParentId"));
        var children = rows.Where(r => r.GetString("Kpi") == nameof(KpiId.ServiceLevel)).ToList();
        var expectedChildren = new[] { "team-billing", "team-sales" }
            .Select(team => AlertId.For(RulesVersion, KpiId.ServiceLevel, new Slice(SliceDimension.Team, team), breachEnd))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedChildren, children.Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList());
        Assert.All(children, r => Assert.Equal(parentId, r.GetString("ParentId")));

        // Only the parent is announced, so only it starts an escalation.
        var messages = (await new QueueClient(_azurite.ConnectionString, _queue).PeekMessagesAsync(32)).Value;
        var message = Assert.Single(messages);
        Assert.Equal(parentId, JsonNode.Parse(message.Body.ToString())!["alertId"]!.GetValue<string>());

        var (status, body, _) = await AnalyticsApi.GetAsync(client, "Alerts", "alerts", null, AnalyticsApi.Principal(CxRoles.Supervisor));
        Assert.Equal(200, status);
        var listed = body!["alerts"]!.AsArray().Select(a => a!["parentId"]?.GetValue<string>()).ToList();
        Assert.Equal(3, listed.Count);
        Assert.Equal(2, listed.Count(p => p == parentId));
    }
}
