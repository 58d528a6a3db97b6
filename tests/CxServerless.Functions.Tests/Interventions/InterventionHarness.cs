using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CxServerless.Functions.Tests.Analytics;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Functions.Tests.Tasks;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Interventions;

/// <summary>The real handler with its own Interventions table, outbound queue and a fake clock; talks to it over HTTP.</summary>
internal sealed class InterventionHarness : IDisposable
{
    private static readonly JsonObject TimerData = new()
    {
        ["timer"] = new JsonObject { ["Schedule"] = new JsonObject { ["AdjustForDST"] = true }, ["IsPastDue"] = false },
    };

    private readonly string _connection;
    private readonly string _hub = "cx-" + Guid.NewGuid().ToString("N")[..12]; // the partition counters are per hub: one per test
    private long _sequence;

    public InterventionHarness(AzuriteFixture azurite, DateTimeOffset now, string? rules = null)
    {
        Clock = new FakeTimeProvider(now);
        Settings = new Dictionary<string, string>
        {
            ["CxInterventionsTable"] = AzuriteFixture.UniqueName("iv"),
            ["CxInterventionsOutboundQueue"] = AzuriteFixture.UniqueName("ivout").ToLowerInvariant(),
            ["CxSentimentQueue"] = AzuriteFixture.UniqueName("ivsent").ToLowerInvariant(),
        };
        _connection = azurite.ConnectionString;
        if (rules is not null)
        {
            Settings["CxInterventionRulesFile"] = "rules/test-interventions.json";
        }

        Server = new HandlerServer(azurite.ConnectionString, settings: Settings, services: s => s.AddSingleton<TimeProvider>(Clock));
        if (rules is not null)
        {
            Directory.CreateDirectory(Path.Combine(Server.AppRoot, "rules"));
            File.WriteAllText(Path.Combine(Server.AppRoot, "rules", "test-interventions.json"), rules);
        }

        Http = Server.Client();
        Outbound = new QueueClient(azurite.ConnectionString, Settings["CxInterventionsOutboundQueue"]);
    }

    public FakeTimeProvider Clock { get; }

    public Dictionary<string, string> Settings { get; }

    public HandlerServer Server { get; }

    public HttpClient Http { get; }

    public QueueClient Outbound { get; }

    public T Get<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    /// <summary>A canonical event body as a producer sends it (clear identifiers, pseudonymised on the way in).</summary>
    public static string Body(
        string type, string id, string conversation, DateTimeOffset at, string channel = "voice", string? email = null,
        string? agent = null, string? text = null, string queue = "billing", string team = "team-billing")
    {
        var body = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = id,
            ["type"] = type,
            ["eventTime"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = conversation,
            ["channel"] = channel,
            ["queue"] = queue,
            ["team"] = team,
            ["region"] = "emea",
        };
        if (email is not null)
        {
            body["customer"] = new JsonObject { ["email"] = email };
        }

        if (agent is not null)
        {
            body["agentId"] = agent;
        }

        if (text is not null)
        {
            body["text"] = text;
        }

        return body.ToJsonString();
    }

    public async Task IngestAsync(params string[] bodies)
    {
        // Event ids unique to this harness: the events table (and its de-duplication) is shared by every test run.
        var events = bodies
            .Select(b => JsonNode.Parse(b)!.AsObject())
            .Select(b =>
            {
                b["eventId"] = _hub + "-" + b["eventId"]!.GetValue<string>();
                return new TestEvent(b.ToJsonString(), Interlocked.Increment(ref _sequence), Clock.GetUtcNow());
            })
            .ToList();
        await IngestionClient.IngestAsync(Http, _hub, "0", events);
    }

    /// <summary>Ingests bodies as they are (cx-sim's), with this harness's own hub.</summary>
    public async Task IngestRawAsync(IReadOnlyList<string> bodies)
    {
        var events = bodies.Select(b => new TestEvent(b, Interlocked.Increment(ref _sequence), Clock.GetUtcNow())).ToList();
        await IngestionClient.IngestAsync(Http, _hub, "0", events);
    }

    public async Task TickAsync()
    {
        using var response = await Http.PostAsJsonAsync(
            "CheckInterventions", new JsonObject { ["Data"] = TimerData.DeepClone(), ["Metadata"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual("Failed", result["ReturnValue"]?.ToString());
    }

    /// <summary>Delivers every message of the sentiment queue to ScoreSentiment, as the host's queue trigger would.</summary>
    public async Task ScoreSentimentAsync()
    {
        var queue = new QueueClient(_connection, Settings["CxSentimentQueue"]);
        await queue.CreateIfNotExistsAsync();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                using var response = await Http.PostAsJsonAsync("ScoreSentiment", new JsonObject
                {
                    ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(message.Body.ToString()) },
                    ["Metadata"] = new JsonObject
                    {
                        ["DequeueCount"] = "1",
                        ["Id"] = JsonSerializer.Serialize(message.MessageId),
                    },
                });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async Task<List<string>> DrainOutboundAsync()
    {
        var texts = new List<string>();
        await Outbound.CreateIfNotExistsAsync();
        while ((await Outbound.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                texts.Add(message.Body.ToString());
                await Outbound.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return texts;
    }

    /// <summary>Calls <c>GET /api/interventions</c> through the HTTP-trigger envelope.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> ListAsync(
        Caller caller, IReadOnlyDictionary<string, string>? query = null)
    {
        var (status, body, _) = await AnalyticsApi.GetAsync(Http, "Interventions", "interventions", query, caller.Principal());
        return ((HttpStatusCode)status, body ?? new JsonObject());
    }

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
    }
}
