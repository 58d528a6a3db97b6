using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Tasks;
using CxServerless.Testing;
using WireMock.Server;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// <c>POST /api/sentiment</c> through the real handler over HTTP with the custom-handler envelope, as the Functions host
/// calls it: roles, the limits and bad input (written here from the issue and Language's documented limits), the local
/// scorer without an endpoint, and Language (a WireMock.Net fake) with an endpoint, whose request log shows only masked text.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentApiTests(AzuriteFixture azurite) : IDisposable
{
    private readonly WireMockServer _language = WireMockServer.Start();

    public void Dispose() => _language.Stop();

    private static async Task<(int Status, JsonObject Body)> PostAsync(HandlerServer server, Caller? caller, string? body)
    {
        var headers = new JsonObject();
        if (caller is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(caller.Principal());
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/sentiment",
                    ["Method"] = "POST",
                    ["Query"] = new JsonObject(),
                    ["Headers"] = headers,
                    ["Params"] = new JsonObject(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var http = server.Client();
        using var response = await http.PostAsJsonAsync("Sentiment", envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject());
    }

    private static string Documents(int count, int length = 20) =>
        new JsonObject
        {
            ["documents"] = new JsonArray(Enumerable.Range(0, count)
                .Select(i => (JsonNode)new JsonObject { ["id"] = $"d{i}", ["text"] = new string('a', length - 1) + "!" }).ToArray()),
        }.ToJsonString();

    [Fact]
    public async Task Supervisors_and_ops_admins_may_score_other_roles_may_not()
    {
        using var server = new HandlerServer(azurite.ConnectionString);
        const string body = """{ "documents": [{ "id": "1", "text": "Great help, thanks." }] }""";

        foreach (var (caller, status) in new (Caller?, int)[]
        {
            (Caller.Supervisor, 200), (Caller.OpsAdmin, 200), (Caller.AgentOne, 403), (Caller.BillingLead, 403), (Caller.Auditor, 403),
            (null, 401),
        })
        {
            Assert.Equal(status, (await PostAsync(server, caller, body)).Status);
        }
    }

    [Fact]
    public async Task Without_an_endpoint_the_local_scorer_answers_each_document_in_order()
    {
        using var server = new HandlerServer(azurite.ConnectionString);

        var (status, answer) = await PostAsync(server, Caller.Supervisor, """
            { "documents": [
                { "id": "a", "text": "The agent was wonderful and fixed it on the first call 😍" },
                { "id": "b", "text": "I waited two hours on hold and nobody helped. Terrible.", "language": "en" },
                { "id": "c", "text": "I called on Tuesday about my invoice." },
                { "id": "d", "text": "Le service était excellent.", "language": "fr" }
            ] }
            """);

        Assert.Equal(200, status);
        var documents = answer["documents"]!.AsArray();
        Assert.Equal(["a", "b", "c", "d"], documents.Select(d => d!["id"]!.GetValue<string>()));
        Assert.Equal(["positive", "negative", "neutral"], documents.Take(3).Select(d => d!["sentiment"]!.GetValue<string>()));
        foreach (var document in documents)
        {
            Assert.Equal("local-lexicon", document!["scorer"]!.GetValue<string>());
            Assert.Equal("not-configured", document["fallback"]!.GetValue<string>());
            Assert.StartsWith("vader-3.3.2+afinn-165", document["modelVersion"]!.GetValue<string>(), StringComparison.Ordinal);
            var c = document["confidenceScores"]!.AsObject();
            var sum = c["positive"]!.GetValue<double>() + c["neutral"]!.GetValue<double>() + c["negative"]!.GetValue<double>();
            Assert.InRange(sum, 0.99, 1.01);
            Assert.InRange(document["score"]!.GetValue<double>(), -1, 1);
        }

        Assert.Null(documents[0]!["warnings"]);
        Assert.Contains("English only", documents[3]!["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_endpoint_Language_answers_and_sees_only_masked_text()
    {
        _language.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var server = new HandlerServer(azurite.ConnectionString, settings: new Dictionary<string, string>
        {
            ["CxLanguageEndpoint"] = _language.Url!,
            ["CxLanguageKey"] = "local-test-key",
        });

        var (status, answer) = await PostAsync(server, Caller.OpsAdmin, """
            { "documents": [
                { "id": "x1", "text": "Bad experience: mail me at jane.doe@example.com or ring 07700 900123." },
                { "id": "x2", "text": "Lovely agent." }
            ] }
            """);

        Assert.Equal(200, status);
        var documents = answer["documents"]!.AsArray();
        Assert.Equal(["negative", "positive"], documents.Select(d => d!["sentiment"]!.GetValue<string>()));
        Assert.All(documents, d => Assert.Equal("azure-language", d!["scorer"]!.GetValue<string>()));
        Assert.All(documents, d => Assert.Equal(LanguageFake.ModelVersion, d!["modelVersion"]!.GetValue<string>()));
        Assert.All(documents, d => Assert.Null(d!["fallback"]));
        var wire = Assert.Single(_language.LogEntries).RequestMessage.Body!;
        Assert.DoesNotContain("jane.doe", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("900123", wire, StringComparison.Ordinal);
        Assert.Contains("[email]", wire, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"documents\": [", 400, "not valid JSON")]
    [InlineData("not json", 400, "not valid JSON")]
    [InlineData("", 400, "must be JSON")]
    [InlineData("{}", 400, "documents is required")]
    [InlineData("{ \"documents\": [] }", 400, "documents is empty")]
    [InlineData("{ \"documents\": [null] }", 400, "documents[0] must be an object")]
    [InlineData("{ \"documents\": [{ \"text\": \"hi there\" }] }", 400, "documents[0].id is required")]
    [InlineData("{ \"documents\": [{ \"id\": \"  \", \"text\": \"hi there\" }] }", 400, "documents[0].id is required")]
    [InlineData("{ \"documents\": [{ \"id\": \"a\" }] }", 400, "documents[0].text is required")]
    [InlineData("{ \"documents\": [{ \"id\": \"a\", \"text\": \"   \" }] }", 400, "documents[0].text is required")]
    [InlineData("{ \"documents\": [{ \"id\": \"a\", \"text\": 42 }] }", 400, "not valid JSON")]
    [InlineData("{ \"documents\": [{ \"id\": \"a\", \"text\": \"x y\" }, { \"id\": \"a\", \"text\": \"z\" }] }", 400, "used twice")]
    [InlineData("{ \"documents\": [{ \"id\": \"a\", \"text\": \"x y\", \"language\": \"English\" }] }", 400, "ISO 639-1")]
    [InlineData("{ \"documents\": { \"id\": \"a\" } }", 400, "not valid JSON")]
    public async Task Bad_input_is_refused_with_the_reason(string body, int status, string reason)
    {
        using var server = new HandlerServer(azurite.ConnectionString);

        var (answered, problem) = await PostAsync(server, Caller.Supervisor, body);

        Assert.Equal(status, answered);
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_100_documents_or_over_5120_characters_in_one_is_413_with_the_reason_and_the_limits_themselves_pass()
    {
        using var server = new HandlerServer(azurite.ConnectionString);

        var many = await PostAsync(server, Caller.Supervisor, Documents(101));
        Assert.Equal(413, many.Status);
        Assert.Contains("101 entries; at most 100", many.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var longText = await PostAsync(server, Caller.Supervisor, Documents(1, 5121));
        Assert.Equal(413, longText.Status);
        Assert.Contains("5121 characters; at most 5120", longText.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var atLimits = await PostAsync(server, Caller.Supervisor, Documents(100, 5120));
        Assert.Equal(200, atLimits.Status);
        Assert.Equal(100, atLimits.Body["documents"]!.AsArray().Count);

        // 5,120 emoji with skin tones are 5,120 characters as Language counts them (text elements), though 20,480 UTF-16 units.
        var emoji = new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["id"] = "e", ["text"] = string.Concat(Enumerable.Repeat("👍🏽", 5120)) }),
        }.ToJsonString();
        Assert.Equal(200, (await PostAsync(server, Caller.Supervisor, emoji)).Status);
    }
}
