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
/// The real handler over HTTP on Azurite: events go in through the ingestion function, the alert evaluator (invoked
/// as its timer would be) stores one alert row and one queue message with a deterministic id, and the KPI and alert
/// APIs answer by role, with conditional requests on the summary.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AlertsAndKpiApiTests : IAsyncLifetime, IDisposable
{
    private const string RulesVersion = "test-fast-1";
    private readonly AzuriteFixture _azurite;
    private readonly IngestionTables _tables;
    private readonly Dictionary<string, string> _names = new()
    {
        ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("mb"),
        ["CxAlertsTable"] = AzuriteFixture.UniqueName("al"),
        ["CxBaselinesTable"] = AzuriteFixture.UniqueName("bl"),
        ["CxLateEventsTable"] = AzuriteFixture.UniqueName("le"),
        ["CxFirstContactsTable"] = AzuriteFixture.UniqueName("fc"),
        ["CxAlertsQueue"] = AzuriteFixture.UniqueName("alerts").ToLowerInvariant(),
        ["CxKpiRefresh"] = "00:00:00",
    };

    private readonly string _rulesFile;
    private readonly HandlerServer _server;

    public AlertsAndKpiApiTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _tables = new IngestionTables(azurite);
        _rulesFile = Path.Combine(Directory.CreateTempSubdirectory("cx-rules-").FullName, "rules.json");
        File.WriteAllText(_rulesFile, $$"""
            {
              "version": "{{RulesVersion}}",
              "eventTime": { "allowedLateness": "1m", "idleTimeout": "10m" },
              "rules": [
                {
                  "id": "fast-wait", "kpi": "AverageSpeedOfAnswer", "slices": ["all", "team=*"],
                  "window": { "kind": "tumbling", "size": "1m" },
                  "alerting": { "k": 1, "n": 1, "cooldown": "1m", "recoverAfter": 2 },
                  "route": { "team": "queue-supervisors", "issueType": "queue-wait" },
                  "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45, "severity": "Critical", "minSamples": 1 } ]
                },
                {
                  "id": "volume", "kpi": "ContactVolume", "slices": ["all"],
                  "detectors": [ { "type": "spike", "trailingWindows": 30, "minHistory": 30, "minSamples": 0 } ]
                }
              ]
            }
            """);
        var settings = new Dictionary<string, string>(_tables.Settings) { ["CxRulesFile"] = _rulesFile };
        foreach (var (k, v) in _names)
        {
            settings[k] = v;
        }

        _server = new HandlerServer(azurite.ConnectionString, settings: settings);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => _server.Dispose();

    public async Task DisposeAsync()
    {
        await _tables.DeleteAsync();
        foreach (var key in new[] { "CxMetricBucketsTable", "CxAlertsTable", "CxBaselinesTable", "CxLateEventsTable" })
        {
            await _azurite.Tables.GetTableClient(_names[key]).DeleteAsync();
        }

        await Queue().DeleteIfExistsAsync();
    }

    private QueueClient Queue() => new(_azurite.ConnectionString, _names["CxAlertsQueue"]);

    /// <summary>Waits of 100 s on team-billing and team-sales five minutes ago, with started contacts, and a fresh event.</summary>
    private async Task<DateTimeOffset> SendIncidentAsync(HttpClient client)
    {
        var (events, breachEnd) = AnalyticsApi.SlowAnswersOnTwoTeams(withStarts: true);
        await IngestionClient.IngestAsync(_server.Client(), _tables.EventHub, "0", events);
        return breachEnd;
    }

    [Fact]
    public async Task A_breach_opens_one_alert_row_and_one_queue_message_with_a_deterministic_id()
    {
        using var client = _server.Client();
        var breachEnd = await SendIncidentAsync(client);
        await AnalyticsApi.EvaluateAlertsAsync(client);
        await AnalyticsApi.EvaluateAlertsAsync(client); // a second pass changes nothing

        var rows = new List<TableEntity>();
        await foreach (var row in _azurite.Tables.GetTableClient(_names["CxAlertsTable"])
            .QueryAsync<TableEntity>(e => e.PartitionKey == "alert"))
        {
            rows.Add(row);
        }

        var expected = new[] { Slice.All, new Slice(SliceDimension.Team, "team-billing"), new Slice(SliceDimension.Team, "team-sales") }
            .Select(s => AlertId.For(RulesVersion, KpiId.AverageSpeedOfAnswer, s, breachEnd)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows.Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList());
        Assert.All(rows, r => Assert.Equal(RulesVersion, r.GetString("RulesVersion")));
        Assert.All(rows, r => Assert.Equal("Critical", r.GetString("Severity")));
        Assert.All(rows, r => Assert.Equal(100, r.GetDouble("Value")));
        Assert.All(rows, r => Assert.Equal(100, r.GetDouble("OpeningValue")));

        var messages = (await Queue().PeekMessagesAsync(32)).Value;
        Assert.Equal(3, messages.Length);
        var ids = messages.Select(m => JsonNode.Parse(m.Body.ToString())!).ToList();
        Assert.All(ids, m => Assert.Equal("opened", m["event"]!.GetValue<string>()));
        Assert.Equal(expected, ids.Select(m => m["alertId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList());

        var (status, body, _) = await AnalyticsApi.GetAsync(client, "Alerts", "alerts", null, AnalyticsApi.Principal(CxRoles.Supervisor));
        Assert.Equal(200, status);
        Assert.Equal(3, body!["alerts"]!.AsArray().Count);
        Assert.Contains("Average speed of answer", body["alerts"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        // An agent of team-billing sees only their team's alert.
        (status, body, _) = await AnalyticsApi.GetAsync(
            client, "Alerts", "alerts", null, AnalyticsApi.Principal(CxRoles.Agent, "team-billing"));
        Assert.Equal(200, status);
        var agentAlert = Assert.Single(body!["alerts"]!.AsArray());
        Assert.Equal("team=team-billing", agentAlert!["slice"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_summary_answers_304_when_unchanged_and_each_role_sees_its_own_view()
    {
        using var client = _server.Client();
        await SendIncidentAsync(client);
        await AnalyticsApi.EvaluateAlertsAsync(client);

        var supervisor = AnalyticsApi.Principal(CxRoles.Supervisor);
        var (status, body, headers) = await AnalyticsApi.GetAsync(client, "KpiSummary", "kpis/summary", null, supervisor);
        Assert.Equal(200, status);
        var etag = headers["ETag"]!.GetValue<string>();
        Assert.Equal(Enum.GetValues<KpiId>().Length, body!["tiles"]!.AsArray().Count);
        var asa = body["tiles"]!.AsArray().Single(t => t!["kpi"]!.GetValue<string>() == "AverageSpeedOfAnswer")!;
        Assert.Equal("Critical", asa["alert"]!["severity"]!.GetValue<string>());
        Assert.Equal(3, body["openAlerts"]!.AsArray().Count);
        Assert.Contains("team=team-sales", body["slices"]!.AsArray().Select(s => s!.GetValue<string>()));

        // The tile equals what /api/kpis says for the same KPI and window.
        var (_, window, _) = await AnalyticsApi.GetAsync(
            client, "Kpis", "kpis", new Dictionary<string, string> { ["kpi"] = "ContactVolume" }, supervisor);
        var volume = body["tiles"]!.AsArray().Single(t => t!["kpi"]!.GetValue<string>() == "ContactVolume")!;
        Assert.Equal(window!["value"]!.GetValue<double>(), volume["value"]!.GetValue<double>());
        Assert.Equal(7, volume["value"]!.GetValue<double>());

        (status, body, headers) = await AnalyticsApi.GetAsync(client, "KpiSummary", "kpis/summary", null, supervisor, etag);
        Assert.True(304 == status, $"{etag} then {headers["ETag"]}");
        Assert.Null(body);

        var agent = AnalyticsApi.Principal(CxRoles.Agent, "team-billing");
        (status, body, _) = await AnalyticsApi.GetAsync(client, "KpiSummary", "kpis/summary", null, agent);
        Assert.Equal(200, status);
        Assert.Equal(["ContactVolume", "AverageSpeedOfAnswer", "ServiceLevel", "AbandonmentRate", "Backlog", "FirstResponseTime"],
            body!["tiles"]!.AsArray().Select(t => t!["kpi"]!.GetValue<string>()));
        Assert.All(body["tiles"]!.AsArray(), t => Assert.Equal("team=team-billing", t!["slice"]!.GetValue<string>()));
        Assert.Equal(["team=team-billing"], body["slices"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Single(body["openAlerts"]!.AsArray());
        Assert.Null(body["lateEvents"]);

        (status, _, _) = await AnalyticsApi.GetAsync(
            client, "KpiSummary", "kpis/summary", new Dictionary<string, string> { ["slice"] = "team=team-sales" }, agent);
        Assert.Equal(403, status);
        (status, _, _) = await AnalyticsApi.GetAsync(
            client,
            "KpiSeries",
            "kpis/series",
            new Dictionary<string, string> { ["kpi"] = "CsatAverage", ["slice"] = "team=team-billing" },
            agent);
        Assert.Equal(403, status);
        (status, _, _) = await AnalyticsApi.GetAsync(client, "LateEvents", "kpis/late", null, agent);
        Assert.Equal(403, status);

        var lead = AnalyticsApi.Principal(CxRoles.TeamLead, "team-billing");
        (status, body, _) = await AnalyticsApi.GetAsync(
            client, "KpiSeries", "kpis/series", new Dictionary<string, string> { ["kpi"] = "AverageSpeedOfAnswer" }, lead);
        Assert.Equal(200, status);
        Assert.Equal("team=team-billing", body!["slice"]!.GetValue<string>());
        Assert.Contains(body["points"]!.AsArray(), p => p!["value"]?.GetValue<double>() == 100);
        Assert.Single(body["alerts"]!.AsArray());
        Assert.NotEmpty(body["baseline"]!.AsArray()); // the static band the rule enforces
    }

    [Fact]
    public async Task The_summary_says_which_baselines_are_still_learning()
    {
        using var client = _server.Client();
        var supervisor = AnalyticsApi.Principal(CxRoles.Supervisor);
        await SendIncidentAsync(client);
        var (_, before, _) = await AnalyticsApi.GetAsync(client, "KpiSummary", "kpis/summary", null, supervisor);
        await AnalyticsApi.EvaluateAlertsAsync(client);
        var (status, body, _) = await AnalyticsApi.GetAsync(client, "KpiSummary", "kpis/summary", null, supervisor);

        Assert.Equal(200, status);
        JsonNode Tile(JsonObject summary, string kpi) => summary["tiles"]!.AsArray().Single(t => t!["kpi"]!.GetValue<string>() == kpi)!;
        Assert.Null(Tile(before!, "ContactVolume")["learning"]); // the evaluator has not said anything yet
        Assert.True(Tile(body!, "ContactVolume")["learning"]!.GetValue<bool>()); // a spike detector with 30 windows to learn
        Assert.False(Tile(body!, "AverageSpeedOfAnswer")["learning"]!.GetValue<bool>()); // a static limit learns nothing
        Assert.False(Tile(body!, "CsatAverage")["learning"]!.GetValue<bool>()); // no rule watches it
    }

    [Theory]
    [InlineData("KpiSeries", "kpis/series", "", "The query parameter 'kpi' is required")]
    [InlineData("KpiSeries", "kpis/series", "kpi=Nope", "'Nope' is not a KPI")]
    [InlineData("KpiSeries", "kpis/series", "kpi=Backlog&window=hopping:15m", "needs a hop")]
    [InlineData("KpiSeries", "kpis/series", "kpi=Backlog&minutes=0", "'minutes' must be")]
    [InlineData("Kpis", "kpis", "kpi=Backlog&slice=colour=red", "is not a slice")]
    [InlineData("Kpis", "kpis", "kpi=Backlog&window=weekly:1d", "the kind must be")]
    [InlineData("Alerts", "alerts", "status=closed", "'status' must be")]
    public async Task Bad_queries_get_400_with_a_reason(string function, string route, string query, string reason)
    {
        using var client = _server.Client();
        var parameters = query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var (status, body, _) = await AnalyticsApi.GetAsync(
            client, function, route, parameters, AnalyticsApi.Principal(CxRoles.Supervisor));
        Assert.Equal(400, status);
        Assert.Contains(reason, body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
