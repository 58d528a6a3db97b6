using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// A WireMock.Net fake of Azure AI Language's <c>POST /language/:analyze-text?api-version=2023-04-01</c>, answering in
/// the documented shape: <c>{ "kind": "SentimentAnalysisResults", "results": { "documents": [{ "id", "sentiment",
/// "confidenceScores", "sentences", "warnings" }], "errors": [{ "id", "error": { "code", "message", "innererror" } }],
/// "modelVersion" } }</c>. Its "model" is a rule of its own: a text containing "bad" is negative, otherwise positive.
/// </summary>
internal static class LanguageFake
{
    public const string Path = "/language/:analyze-text";
    public const string ModelVersion = "2022-11-01";

    public static IRequestBuilder Analyze() =>
        Request.Create().WithPath(Path).WithParam("api-version", "2023-04-01").UsingPost();

    /// <summary>Answers every document; ids in <paramref name="refuse"/> get an InvalidDocument error instead.</summary>
    public static IResponseBuilder Answers(params string[] refuse) =>
        Response.Create().WithCallback(request => Answer(request, refuse));

    public static JsonObject Body(this WireMockServer server, int index) =>
        JsonNode.Parse(server.LogEntries.Where(e => e.RequestMessage.Path == Path).ElementAt(index).RequestMessage.Body!)!.AsObject();

    public static int Calls(this WireMockServer server) => server.LogEntries.Count(e => e.RequestMessage.Path == Path);

    private static ResponseMessage Answer(IRequestMessage request, string[] refuse)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var documents = new JsonArray();
        var errors = new JsonArray();
        foreach (var document in body["analysisInput"]!["documents"]!.AsArray())
        {
            var id = document!["id"]!.GetValue<string>();
            var text = document["text"]!.GetValue<string>();
            if (refuse.Contains(id))
            {
                errors.Add(new JsonObject
                {
                    ["id"] = id,
                    ["error"] = new JsonObject
                    {
                        ["code"] = "InvalidArgument",
                        ["message"] = "Invalid Document in request.",
                        ["innererror"] = new JsonObject { ["code"] = "InvalidDocument", ["message"] = "Document text is empty." },
                    },
                });
                continue;
            }

            var negative = text.Contains("bad", StringComparison.OrdinalIgnoreCase);
            var scores = negative
                ? new JsonObject { ["positive"] = 0.02, ["neutral"] = 0.08, ["negative"] = 0.9 }
                : new JsonObject { ["positive"] = 0.9, ["neutral"] = 0.08, ["negative"] = 0.02 };
            documents.Add(new JsonObject
            {
                ["id"] = id,
                ["sentiment"] = negative ? "negative" : "positive",
                ["confidenceScores"] = scores,
                ["sentences"] = new JsonArray(new JsonObject
                {
                    ["sentiment"] = negative ? "negative" : "positive",
                    ["confidenceScores"] = scores.DeepClone(),
                    ["offset"] = 0,
                    ["length"] = text.Length,
                    ["text"] = text,
                    ["targets"] = new JsonArray(),
                    ["assessments"] = new JsonArray(),
                }),
                ["warnings"] = new JsonArray(),
            });
        }

        var answer = new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = errors, ["modelVersion"] = ModelVersion },
        };
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
            BodyData = new BodyData { BodyAsString = answer.ToJsonString(), DetectedBodyType = BodyType.String },
        };
    }
}
