using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>Calls the handler as the Functions host does: HTTP envelopes with a client principal, and timer ticks.</summary>
internal static class RetentionApi
{
    public static async Task<(int Status, JsonNode? Body)> CallAsync(
        HttpClient http, string function, string role, string method, JsonObject? parameters = null, JsonObject? query = null,
        string? body = null)
    {
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/" + function,
                    ["Method"] = method,
                    ["Query"] = query?.DeepClone() ?? new JsonObject(),
                    ["Headers"] = new JsonObject
                    {
                        [ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", "ret-" + role, [role])),
                    },
                    ["Params"] = parameters?.DeepClone() ?? new JsonObject(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var response = await http.PostAsJsonAsync(function, envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        var text = res["body"]?.GetValue<string>();
        return (res["statusCode"]!.GetValue<int>(), string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    public static async Task<JsonObject> TickAsync(HttpClient http, string function)
    {
        var timer = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = null,
                ["IsPastDue"] = false,
            },
        };
        using var response = await http.PostAsJsonAsync(function, new JsonObject { ["Data"] = timer, ["Metadata"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
