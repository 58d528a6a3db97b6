using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Invocation;

/// <summary>The custom-handler protocol (ARCHITECTURE §4), exercised over real HTTP against the real handler.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ProtocolTests(AzuriteFixture azurite) : IDisposable
{
    private readonly HandlerServer _server = new(azurite.ConnectionString);

    public void Dispose() => _server.Dispose();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> EnvelopeOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), "the handler must never answer with an empty body");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var envelope = Assert.IsType<JsonObject>(JsonNode.Parse(text));
        Assert.True(envelope.ContainsKey("Outputs"));
        Assert.True(envelope.ContainsKey("Logs"));
        Assert.True(envelope.ContainsKey("ReturnValue"));
        return envelope;
    }

    [Fact]
    public async Task A_handler_start_is_recorded_once_it_listens()
    {
        using var recorded = new RecordedMeasurements("cx.handler.start.duration");

        using var client = _server.Client();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var start = Assert.Single(recorded.Of("cx.handler.start.duration"));

        // Measured from process start, and this handler runs inside the test process: it cannot exceed the process's age
        // (a fixed bound failed when a loaded machine took more than ten minutes to reach this test).
        var processAge = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        Assert.InRange(start.Value, 0.001, processAge);
    }

    [Fact]
    public async Task Readiness_probe_answers_on_root()
    {
        using var client = _server.Client();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private const string DoubleEncodedBatch = """
        {
          "Data": { "events": "[\"{\\\"id\\\":1}\",\"not json at all\"]" },
          "Metadata": {
            "PartitionContext": { "PartitionId": "3", "EventHubName": "cx-events", "ConsumerGroup": "$Default", "FullyQualifiedNamespace": "local" },
            "PartitionKeyArray": "[\"conv-1\",null]",
            "OffsetArray": "[\"100\",\"164\"]",
            "SequenceNumberArray": "[7,8]",
            "EnqueuedTimeUtcArray": "[\"2026-11-23T08:00:01.5\",\"2026-11-23T08:00:02\"]",
            "PropertiesArray": "[{\"source\":\"zendesk\"},{}]",
            "SystemPropertiesArray": "[{},{}]",
            "sys": { "MethodName": "EchoBatch", "UtcNow": "2026-11-23T08:00:03Z", "RandGuid": "00000000-0000-0000-0000-000000000000" }
          }
        }
        """;

    private const string PlainBatch = """
        {
          "Data": { "events": ["{\"id\":1}", "not json at all"] },
          "Metadata": {
            "PartitionContext": { "PartitionId": "3", "EventHubName": "cx-events", "ConsumerGroup": "$Default", "FullyQualifiedNamespace": "local" },
            "PartitionKeyArray": ["conv-1", null],
            "OffsetArray": ["100", "164"],
            "SequenceNumberArray": [7, 8],
            "EnqueuedTimeUtcArray": ["2026-11-23T08:00:01.5", "2026-11-23T08:00:02"],
            "PropertiesArray": [{"source":"zendesk"}, {}],
            "SystemPropertiesArray": [{}, {}]
          }
        }
        """;

    [Theory]
    [InlineData(DoubleEncodedBatch)]
    [InlineData(PlainBatch)]
    public async Task Event_hub_batch_is_read_the_same_in_both_encodings(string envelope)
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoBatch", UriKind.Relative), Json(envelope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await EnvelopeOf(response);
        var value = body["ReturnValue"]!;
        Assert.Equal("3", value["partitionId"]!.GetValue<string>());
        Assert.Equal("cx-events", value["hub"]!.GetValue<string>());
        var events = value["events"]!.AsArray();
        Assert.Equal(2, events.Count);
        Assert.Equal("{\"id\":1}", events[0]!["body"]!.GetValue<string>());
        Assert.Equal("not json at all", events[1]!["body"]!.GetValue<string>());
        Assert.Equal("conv-1", events[0]!["partitionKey"]!.GetValue<string>());
        Assert.Null(events[1]!["partitionKey"]);
        Assert.Equal("164", events[1]!["offset"]!.GetValue<string>());
        Assert.Equal(7, events[0]!["sequenceNumber"]!.GetValue<long>());
        Assert.Equal(8, events[1]!["sequenceNumber"]!.GetValue<long>());
        // EnqueuedTimeUtc arrives without 'Z' and is UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 1, 500, TimeSpan.Zero), events[0]!["enqueuedTimeUtc"]!.GetValue<DateTimeOffset>());
        Assert.Equal("zendesk", events[0]!["properties"]!["source"]!.GetValue<string>());
        Assert.Equal(["batch of 2"], body["Logs"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task Event_hub_batch_with_misaligned_metadata_fails_with_a_reason()
    {
        const string misaligned = """
            {"Data":{"events":"[\"a\",\"b\"]"},"Metadata":{"PartitionContext":{"PartitionId":"0"},"SequenceNumberArray":"[1]"}}
            """;
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoBatch", UriKind.Relative), Json(misaligned));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await EnvelopeOf(response);
        Assert.Contains("SequenceNumberArray has 1 entries for 2 events", body["Error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Data":{"message":"\"{\\\"orderId\\\":42}\""},"Metadata":{"DequeueCount":"4","Id":"\"m-1\"","InsertionTime":"\"2026-11-23T08:00:00+00:00\""}}""")]
    [InlineData("""{"Data":{"message":"{\"orderId\":42}"},"Metadata":{"DequeueCount":4,"Id":"m-1","InsertionTime":"2026-11-23T08:00:00+00:00"}}""")]
    public async Task Queue_message_and_metadata_are_read_in_both_encodings(string envelope)
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoQueue", UriKind.Relative), Json(envelope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await EnvelopeOf(response);
        Assert.Equal("{\"orderId\":42}", body["ReturnValue"]!["text"]!.GetValue<string>());
        Assert.Equal("m-1", body["ReturnValue"]!["id"]!.GetValue<string>());
        Assert.Equal(4, body["ReturnValue"]!["dequeueCount"]!.GetValue<long>());
        Assert.Equal("{\"ORDERID\":42}", body["Outputs"]!["outMessage"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-23T07:59:00","Next":"2026-11-23T08:01:00","LastUpdated":"2026-11-23T07:59:00"},"IsPastDue":true}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"timer":"{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\"2026-11-23T07:59:00\",\"Next\":\"2026-11-23T08:01:00\"},\"IsPastDue\":true}"},"Metadata":{}}""")]
    public async Task Timer_info_is_read_in_both_encodings(string envelope)
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoTimer", UriKind.Relative), Json(envelope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var value = (await EnvelopeOf(response))["ReturnValue"]!;
        Assert.True(value["isPastDue"]!.GetValue<bool>());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 1, 0, TimeSpan.Zero), value["next"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Timer_with_null_schedule_status_is_accepted()
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoTimer", UriKind.Relative),
            Json("""{"Data":{"timer":{"Schedule":{"AdjustForDST":false},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await EnvelopeOf(response))["ReturnValue"]!["isPastDue"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"Metadata":{}}""", "no 'Data' object")]
    [InlineData("""{"Data":"x","Metadata":{}}""", "'Data' must be a JSON object")]
    [InlineData("""{"Data":{},"Metadata":[1]}""", "'Metadata' must be a JSON object")]
    public async Task Malformed_envelope_gets_400_with_a_reason(string body, string reason)
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/EchoTimer", UriKind.Relative), Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var envelope = await EnvelopeOf(response);
        Assert.Contains(reason, envelope["Error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_function_gets_404_with_a_json_envelope()
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/NoSuchFunction", UriKind.Relative), Json("""{"Data":{},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NoSuchFunction", (await EnvelopeOf(response))["Error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_names_route_case_insensitively_like_the_host()
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/echotimer", UriKind.Relative),
            Json("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Handler_exception_fails_the_invocation_without_leaking_its_message()
    {
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/Throwing", UriKind.Relative), Json("""{"Data":{},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = await EnvelopeOf(response);
        Assert.Contains("InvalidOperationException", envelope["Error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingFunction.SecretInMessage, envelope.ToJsonString(), StringComparison.Ordinal);

        // The process survives: the next invocation is served.
        var next = await client.PostAsync(new Uri("/EchoTimer", UriKind.Relative), Json("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Invocation_past_its_deadline_is_answered_with_a_failure_before_the_host_timeout()
    {
        // functionTimeout 2 s: the handler must answer at its deadline (1.8 s), long before the stuck function's 30 s.
        using var server = new HandlerServer(azurite.ConnectionString, hostJson: """{"version":"2.0","functionTimeout":"00:00:02"}""");
        using var client = server.Client();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsync(new Uri("/Stuck", UriKind.Relative), Json("""{"Data":{},"Metadata":{}}"""));
        watch.Stop();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("did not finish within 00:00:01.8", (await EnvelopeOf(response))["Error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task Http_trigger_answers_through_the_output_binding()
    {
        const string envelope = """
            {"Data":{"req":{"Url":"http://127.0.0.1:7071/api/health","Method":"GET","Query":{},"Headers":{"Accept":["application/json"]},"Params":{},"Identities":[],"Body":null}},"Metadata":{}}
            """;
        using var client = _server.Client();
        var response = await client.PostAsync(new Uri("/Health", UriKind.Relative), Json(envelope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await EnvelopeOf(response))["Outputs"]!["res"]!;
        Assert.Equal(200, res["statusCode"]!.GetValue<int>());
        Assert.StartsWith("application/json", res["headers"]!["Content-Type"]!.GetValue<string>(), StringComparison.Ordinal);
        var health = JsonNode.Parse(res["body"]!.GetValue<string>())!;
        Assert.Equal(["status"], health.AsObject().Select(p => p.Key)); // anonymous: the status only
    }

    [Fact]
    public async Task Http_trigger_request_in_double_encoded_form_is_accepted()
    {
        var req = new JsonObject { ["Url"] = "http://x/api/health", ["Method"] = "GET", ["Query"] = new JsonObject(), ["Headers"] = new JsonObject(), ["Params"] = new JsonObject() };
        var envelope = new JsonObject { ["Data"] = new JsonObject { ["req"] = req.ToJsonString() }, ["Metadata"] = new JsonObject() };
        using var client = _server.Client();
        var response = await client.PostAsJsonAsync(new Uri("/Health", UriKind.Relative), envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await EnvelopeOf(response))["Outputs"]!["res"]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_invocation_is_counted_by_function_and_outcome()
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Function, string Outcome)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "cx.invocations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? function = null, outcome = null;
            foreach (var tag in tags)
            {
                function = tag.Key == "function" ? tag.Value as string : function;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            outcomes.Add((function!, outcome!));
        });
        listener.Start();

        using var client = _server.Client();
        await client.PostAsync(new Uri("/Throwing", UriKind.Relative), Json("""{"Data":{},"Metadata":{}}"""));
        await client.PostAsync(new Uri("/EchoTimer", UriKind.Relative), Json("""{"Data":{"timer":{"IsPastDue":false}},"Metadata":{}}"""));

        Assert.Contains(("Throwing", "failure"), outcomes);
        Assert.Contains(("EchoTimer", "success"), outcomes);
    }
}
