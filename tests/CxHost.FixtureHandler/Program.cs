using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxHost.FixtureHandler;

// A custom handler for cx-host's tests: records every invocation, echoes HTTP requests, fails or hangs on request.
var behaviour = FixtureBehaviour.FromEnvironment();
var port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? throw new InvalidOperationException("FUNCTIONS_CUSTOMHANDLER_PORT is not set.");
var recorder = new InvocationRecorder(new TableClient(behaviour.Storage, behaviour.RecordTable));
await recorder.RecordStartAsync(CancellationToken.None);

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

app.MapGet("/", () => Results.Text("ready"));
app.MapPost("/{function}", async (string function, HttpContext context) =>
{
    using var reader = new StreamReader(context.Request.Body);
    var body = await reader.ReadToEndAsync(context.RequestAborted);
    await recorder.RecordInvocationAsync(function, context.Request.Headers["X-Azure-Functions-InvocationId"].ToString(), body, context.RequestAborted);
    if (behaviour.Hang.Contains(function))
    {
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    if (behaviour.Fail.Contains(function))
    {
        return Results.Json(new JsonObject { ["Outputs"] = new JsonObject(), ["Logs"] = new JsonArray("fixture failure"), ["ReturnValue"] = null }, statusCode: 500);
    }

    return Results.Json(EchoResult.For(function, JsonNode.Parse(body) as JsonObject));
});

app.Run();
