using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CxServerless.Functions.Invocation;

/// <summary>The value of an HTTP output binding: <c>{"statusCode", "headers", "body"}</c>.</summary>
public sealed record HttpTriggerResponse(int StatusCode, string Body, string ContentType = "application/json; charset=utf-8")
{
    /// <summary>Extra response headers.</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON response from a typed contract, serialised with its source-generated metadata.</summary>
    public static HttpTriggerResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> contract) =>
        new(statusCode, JsonSerializer.Serialize(body, contract));

    /// <summary>An RFC 9457 problem details response.</summary>
    public static HttpTriggerResponse Problem(int statusCode, string title, string detail) =>
        new(
            statusCode,
            JsonSerializer.Serialize(
                new ProblemDetails { Type = "about:blank", Title = title, Status = statusCode, Detail = detail },
                ProblemJsonContext.Default.ProblemDetails),
            "application/problem+json; charset=utf-8");

    /// <summary>The output binding value.</summary>
    public JsonObject ToJson()
    {
        var headers = new JsonObject { ["Content-Type"] = ContentType };
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        return new JsonObject { ["statusCode"] = StatusCode, ["headers"] = headers, ["body"] = Body };
    }

    /// <summary>Wraps this response as an invocation result bound to <paramref name="bindingName"/>.</summary>
    public InvocationResult ToResult(string bindingName = "res")
    {
        var result = InvocationResult.Ok();
        result.Outputs[bindingName] = ToJson();
        return result;
    }
}

/// <summary>Source-generated JSON for RFC 9457 problem details (ASP.NET Core's <see cref="ProblemDetails"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
