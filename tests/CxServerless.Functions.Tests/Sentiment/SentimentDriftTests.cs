using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CxServerless.Domain.Access;
using CxServerless.Domain.Sentiment.Drift;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Retention;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// <c>SentimentDriftCheck</c> through the real handler over real HTTP on Azurite, run on demand on a fake clock: a
/// planted shift of the last day's stored scores raises one operations alert and an unshifted day none; a chain that
/// falls back from Language to the local scorer raises an accuracy alert against Language's baseline, and a new model
/// version starts a new baseline instead; a second run on a day changes nothing; the history at
/// <c>GET /api/ops/sentiment-drift</c>.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentDriftTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2032, 3, 10, 4, 30, 0, TimeSpan.Zero);

    // Each day's scores: 200 values spread over the range, more on the positive side, as contact-centre text tends to be.
    private static readonly double[] Usual = [-0.9, -0.5, -0.2, 0, 0, 0.1, 0.3, 0.5, 0.6, 0.8];

    private readonly WireMockServer _language = WireMockServer.Start();

    public void Dispose() => _language.Stop();

    [Fact]
    public async Task A_shifted_last_day_raises_one_operations_alert_and_an_unshifted_day_none_however_often_it_runs()
    {
        var (settings, clock) = (Tables(), new FakeTimeProvider(Start));
        using var server = new HandlerServer(
            azurite.ConnectionString, settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Client();
        var scores = new TableClient(azurite.ConnectionString, settings["CxSentimentScoresTable"]);
        var alertRows = new TableClient(azurite.ConnectionString, settings["CxAlertsTable"]);
        var alertQueue = new QueueClient(azurite.ConnectionString, settings["CxAlertsQueue"]);
        try
        {
            // 30 trailing days and the checked day (2032-03-09) with the usual distribution.
            var checkedDay = new DateOnly(2032, 3, 9);
            for (var day = checkedDay.AddDays(-30); day <= checkedDay; day = day.AddDays(1))
            {
                await PlantAsync(scores, day, Usual);
            }

            var first = await TickAsync(http);
            Assert.Null(first["Error"]);
            var ok = Assert.Single(await RunsAsync(http, CxRoles.OpsAdmin));
            Assert.Equal(("2032-03-09", "ok"), (ok["day"]!.GetValue<string>(), ok["status"]!.GetValue<string>()));
            Assert.Equal((200L, 6000L), (ok["dayScores"]!.GetValue<long>(), ok["trailingScores"]!.GetValue<long>()));
            Assert.InRange(ok["psi"]!.GetValue<double>(), 0, 1e-9); // the same shares every day
            Assert.True(ok["baselineStarted"]!.GetValue<bool>()); // the first run of the local scorer's version
            Assert.Null(ok["alertId"]);
            Assert.Empty(await ManualAlertsAsync(alertRows));

            // The next day, sentiment falls: every score 0.6 lower (bins of the positive side empty, the negative full).
            clock.Advance(TimeSpan.FromDays(1));
            await PlantAsync(scores, checkedDay.AddDays(1), Usual.Select(s => s - 0.6).ToArray());
            Assert.Null((await TickAsync(http))["Error"]);
            Assert.Null((await TickAsync(http))["Error"]); // run twice: nothing more

            var runs = await RunsAsync(http, CxRoles.Auditor);
            Assert.Equal(["2032-03-10", "2032-03-09"], runs.Select(r => r["day"]!.GetValue<string>()));
            var drift = runs[0];
            Assert.Equal("alert", drift["status"]!.GetValue<string>());
            Assert.True(drift["psi"]!.GetValue<double>() >= 0.25, $"PSI {drift["psi"]}");
            Assert.False(drift["baselineStarted"]!.GetValue<bool>());
            Assert.Contains(
                drift["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("score distribution PSI", StringComparison.Ordinal));
            Assert.Equal("ops-sentiment-drift-20320310", drift["alertId"]!.GetValue<string>());

            // One alert on the manual alerts' path: the row (open, declared by the check) and one 'opened' message.
            var alert = Assert.Single(await ManualAlertsAsync(alertRows));
            Assert.Equal(("ops-sentiment-drift-20320310", "Open"), (alert.RowKey, alert.GetString("Status")));
            Assert.Equal("system:SentimentDriftCheck", alert.GetString("OpenedBy"));
            Assert.StartsWith(
                "Sentiment drift on 2032-03-10: score distribution PSI", alert.GetString("Summary"), StringComparison.Ordinal);
            var messages = (await alertQueue.PeekMessagesAsync(32)).Value;
            var message = JsonNode.Parse(Assert.Single(messages).MessageText)!;
            Assert.Equal(
                ("ops-sentiment-drift-20320310", "opened"), (message["alertId"]!.GetValue<string>(), message["event"]!.GetValue<string>()));

            var list = await CallAsync(http, CxRoles.OpsAdmin, "GET", new() { ["from"] = "2032-03-10", ["to"] = "2032-03-10" });
            Assert.Equal(200, list.Status);
            Assert.Single(list.Body!["runs"]!.AsArray());
            Assert.Equal(0.25, list.Body!["thresholds"]!["psiAlert"]!.GetValue<double>());
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(settings["CxAuditTable"]);
            await new QueueClient(azurite.ConnectionString, settings["CxAlertsQueue"]).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task A_chain_that_falls_back_to_the_local_scorer_raises_an_accuracy_alert_and_a_new_model_version_starts_a_baseline()
    {
        // Language answers every sentence of the sample as labelled (its baseline); the next day it refuses every document
        // (as it does for an unsupported language), so the chain's local scorer answers them.
        var labels = DriftSample.All.ToDictionary(s => s.Text, s => s.Expected.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var mode = "right";
        _language.Given(LanguageFake.Analyze()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(request =>
            Answer(request, labels, mode)));
        var settings = Tables();
        settings["CxLanguageEndpoint"] = _language.Url!;
        settings["CxLanguageKey"] = "local-test-key";
        var clock = new FakeTimeProvider(Start);
        using var server = new HandlerServer(
            azurite.ConnectionString, settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Client();
        var alertRows = new TableClient(azurite.ConnectionString, settings["CxAlertsTable"]);
        try
        {
            Assert.Null((await TickAsync(http))["Error"]);
            mode = "refuse";
            clock.Advance(TimeSpan.FromDays(1));
            Assert.Null((await TickAsync(http))["Error"]);
            mode = "new-model-everything-neutral";
            clock.Advance(TimeSpan.FromDays(1));
            Assert.Null((await TickAsync(http))["Error"]);

            var runs = await RunsAsync(http, CxRoles.OpsAdmin);
            Assert.Equal(["2032-03-11", "2032-03-10", "2032-03-09"], runs.Select(r => r["day"]!.GetValue<string>()));
            var (baseline, fallen, renewed) = (runs[2], runs[1], runs[0]);

            // Day 1: Language answered all 300 and its figures became the baseline of its model version.
            Assert.Equal(("ok", "azure-language", "2022-11-01"), Figures(baseline));
            Assert.Equal(0, baseline["fallbackAnswers"]!.GetValue<int>());
            Assert.True(baseline["baselineStarted"]!.GetValue<bool>());
            Assert.True(baseline["accuracy"]!.GetValue<double>() > 0.95, $"accuracy {baseline["accuracy"]}");
            Assert.Null(baseline["psi"]); // no stored scores: nothing to compare

            // Day 2: every sentence fell back to the local scorer; compared with Language's baseline, accuracy fell.
            Assert.Equal("alert", fallen["status"]!.GetValue<string>());
            Assert.Equal(300, fallen["fallbackAnswers"]!.GetValue<int>());
            Assert.Null(fallen["modelVersion"]);
            Assert.Equal("2022-11-01", fallen["baseline"]!["modelVersion"]!.GetValue<string>());
            Assert.True(
                baseline["accuracy"]!.GetValue<double>() - fallen["accuracy"]!.GetValue<double>() >= 0.05,
                $"accuracy {fallen["accuracy"]} against {baseline["accuracy"]}");
            Assert.StartsWith("accuracy ", fallen["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("ops-sentiment-drift-20320310", fallen["alertId"]!.GetValue<string>());

            // Day 3: a new model version (answering everything neutral) starts its own baseline instead of raising drift.
            Assert.Equal(("ok", "azure-language", "2033-01-01"), Figures(renewed));
            Assert.True(renewed["baselineStarted"]!.GetValue<bool>());
            Assert.InRange(renewed["accuracy"]!.GetValue<double>(), 0.3, 0.4); // only the 100 neutral sentences are right
            Assert.Null(renewed["alertId"]);
            Assert.Equal(["ops-sentiment-drift-20320310"], (await ManualAlertsAsync(alertRows)).Select(a => a.RowKey));
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(settings["CxAuditTable"]);
            await new QueueClient(azurite.ConnectionString, settings["CxAlertsQueue"]).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task The_history_is_for_ops_admins_and_auditors_and_refuses_a_bad_range()
    {
        var settings = Tables();
        using var server = new HandlerServer(azurite.ConnectionString, settings: settings);
        using var http = server.Client();
        try
        {
            Assert.Equal(200, (await CallAsync(http, CxRoles.Auditor, "GET")).Status);
            foreach (var role in new[] { CxRoles.Agent, CxRoles.TeamLead, CxRoles.Supervisor })
            {
                Assert.Equal(403, (await CallAsync(http, role, "GET")).Status);
            }

            foreach (var (from, to) in new[] { ("2032-13-01", "2032-12-31"), ("2032-03-10", "2032-03-09"), ("2030-01-01", "2032-01-01") })
            {
                var refused = await CallAsync(http, CxRoles.OpsAdmin, "GET", new() { ["from"] = from, ["to"] = to });
                Assert.Equal(400, refused.Status);
            }
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(settings["CxAuditTable"]);
            await new QueueClient(azurite.ConnectionString, settings["CxAlertsQueue"]).DeleteIfExistsAsync();
        }
    }

    /// <summary>Names of the test's own (the handler server drops the scores, drift and alerts tables when disposed).</summary>
    private static Dictionary<string, string> Tables() => new()
    {
        ["CxAuditTable"] = AzuriteFixture.UniqueName("sdaudit"),
        ["CxSentimentScoresTable"] = AzuriteFixture.UniqueName("sdscores"),
        ["CxSentimentDriftTable"] = AzuriteFixture.UniqueName("sdrift"),
        ["CxAlertsTable"] = AzuriteFixture.UniqueName("sdalerts"),
        ["CxAlertsQueue"] = AzuriteFixture.UniqueName("sdalerts").ToLowerInvariant(),
    };

    private static (string, string, string?) Figures(JsonNode run) =>
        (run["status"]!.GetValue<string>(), run["scorer"]!.GetValue<string>(), run["modelVersion"]?.GetValue<string>());

    private static Task<JsonObject> TickAsync(HttpClient http) => RetentionApi.TickAsync(http, "SentimentDriftCheck");

    private static Task<(int Status, JsonNode? Body)> CallAsync(HttpClient http, string role, string method, JsonObject? query = null) =>
        RetentionApi.CallAsync(http, "OpsSentimentDrift", role, method, query: query);

    private static async Task<List<JsonNode>> RunsAsync(HttpClient http, string role)
    {
        var (status, body) = await CallAsync(http, role, "GET", new() { ["from"] = "2032-03-01", ["to"] = "2032-03-31" });
        Assert.Equal(200, status);
        return body!["runs"]!.AsArray().Select(r => r!).ToList();
    }

    /// <summary>Stores one score row per value in a day's minute partitions, as ScoreSentiment stores them (20 values each).</summary>
    private static async Task PlantAsync(TableClient scores, DateOnly day, double[] shape)
    {
        await scores.CreateIfNotExistsAsync();
        var firstMinute = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks / TimeSpan.TicksPerMinute + 1;
        var values = Enumerable.Range(0, 200).Select(i => shape[i % shape.Length]).ToList();
        foreach (var chunk in values.Select((v, i) => (v, i)).GroupBy(x => x.i / 20))
        {
            // Spread over the day: minute 1 (00:01) to minute 1,440 (24:00), which still belongs to the day.
            var minute = firstMinute + (chunk.Key * 159);
            var partition = "m" + minute.ToString("D12", CultureInfo.InvariantCulture);
            await scores.SubmitTransactionAsync(chunk.Select(x => new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(partition, $"{x.i:D4}{Guid.NewGuid():N}") { ["Score"] = Math.Clamp(x.v, -1, 1), ["Label"] = "neutral" })));
        }
    }

    private static async Task<List<TableEntity>> ManualAlertsAsync(TableClient alerts)
    {
        var rows = new List<TableEntity>();
        await alerts.CreateIfNotExistsAsync();
        await foreach (var row in alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"manual"}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Language's answer in the documented shape: the sample's own label ("right"), an InvalidDocument error for every
    /// document ("refuse"), or neutral for everything under model 2033-01-01.
    /// </summary>
    private static ResponseMessage Answer(IRequestMessage request, Dictionary<string, string> labels, string mode)
    {
        var documents = new JsonArray();
        var errors = new JsonArray();
        foreach (var document in JsonNode.Parse(request.Body!)!["analysisInput"]!["documents"]!.AsArray())
        {
            if (mode == "refuse")
            {
                errors.Add(new JsonObject
                {
                    ["id"] = document!["id"]!.GetValue<string>(),
                    ["error"] = new JsonObject
                    {
                        ["code"] = "InvalidArgument",
                        ["message"] = "Invalid Document in request.",
                        ["innererror"] = new JsonObject { ["code"] = "UnsupportedLanguageCode", ["message"] = "Unsupported language." },
                    },
                });
                continue;
            }

            var label = mode == "right" ? labels.GetValueOrDefault(document!["text"]!.GetValue<string>(), "neutral") : "neutral";
            var scores = new JsonObject
            {
                ["positive"] = label == "positive" ? 0.9 : 0.05,
                ["neutral"] = label == "neutral" ? 0.9 : 0.05,
                ["negative"] = label == "negative" ? 0.9 : 0.05,
            };
            documents.Add(new JsonObject
            {
                ["id"] = document!["id"]!.GetValue<string>(),
                ["sentiment"] = label,
                ["confidenceScores"] = scores,
                ["sentences"] = new JsonArray(),
                ["warnings"] = new JsonArray(),
            });
        }

        var answer = new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject
            {
                ["documents"] = documents,
                ["errors"] = errors,
                ["modelVersion"] = mode == "right" ? "2022-11-01" : "2033-01-01",
            },
        };
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
            BodyData = new BodyData { BodyAsString = answer.ToJsonString(), DetectedBodyType = BodyType.String },
        };
    }
}
