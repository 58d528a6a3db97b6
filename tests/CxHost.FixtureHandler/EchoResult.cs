using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.FixtureHandler;

/// <summary>
/// The fixture's answer: for an HTTP trigger (<c>Data.req</c>), a 200 echoing what it received. Every answer also carries
/// <c>Outputs.out</c> (base64 of "queued by {function}") and <c>Outputs.raw</c> ("aGk=") for functions that bind them.
/// </summary>
internal static class EchoResult
{
    public static JsonObject For(string function, JsonObject? envelope)
    {
        var outputs = new JsonObject
        {
            ["out"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"queued by {function}")),
            ["raw"] = "aGk=",
        };
        var result = new JsonObject { ["Outputs"] = outputs, ["Logs"] = new JsonArray($"{function} ran"), ["ReturnValue"] = null };
        if (envelope?["Data"]?["req"] is not JsonObject req)
        {
            return result;
        }

        var echo = new JsonObject
        {
            ["function"] = function,
            ["method"] = req["Method"]?.DeepClone(),
            ["params"] = req["Params"]?.DeepClone(),
            ["query"] = req["Query"]?.DeepClone(),
            ["principal"] = (req["Headers"] as JsonObject)?.FirstOrDefault(h => h.Key.Equals("x-ms-client-principal", StringComparison.OrdinalIgnoreCase)).Value?[0]?.DeepClone(),
            ["body"] = req["Body"]?.DeepClone(),
        };
        var response = new JsonObject
        {
            ["statusCode"] = function.StartsWith("Created", StringComparison.Ordinal) ? "201" : 200,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json", ["X-Fixture"] = function },
            ["body"] = echo.ToJsonString(new JsonSerializerOptions()),
        };
        result["Outputs"]!["res"] = response;
        return result;
    }
}
