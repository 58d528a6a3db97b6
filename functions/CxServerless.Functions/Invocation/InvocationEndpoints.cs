using CxServerless.Functions.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace CxServerless.Functions.Invocation;

/// <summary>Maps the custom-handler protocol: the readiness probe at <c>/</c> and <c>POST /{FunctionName}</c>.</summary>
public static class InvocationEndpoints
{
    /// <summary>Maps the protocol routes.</summary>
    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Json(new { status = "ready" }));
        app.MapPost("/{functionName}", InvokeAsync);
        return app;
    }

    private static async Task<IResult> InvokeAsync(
        string functionName,
        HttpContext http,
        FunctionCatalog catalog,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("CxServerless.Invocation");
        var handler = catalog.Find(functionName);
        if (handler is null)
        {
            return Error(StatusCodes.Status404NotFound, $"No function named '{functionName}'.");
        }

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = InvocationRequest.MaxEnvelopeBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"The invocation body could not be read (HTTP {ex.StatusCode}).");
        }

        var invocationId = http.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
        var request = InvocationRequest.TryParse(handler.Name, invocationId, body, out var parseError);
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, parseError!);
        }

        using var span = CxTelemetry.Source.StartActivity($"invoke {handler.Name}", System.Diagnostics.ActivityKind.Server);
        span?.SetTag("faas.invocation_id", invocationId);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await RunAsync(handler, request, catalog, logger, invocationId, cancellationToken);
        var outcome = response is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ? "success" : "failure";
        span?.SetTag("cx.outcome", outcome);
        CxTelemetry.Invocations.Add(1, new("function", handler.Name), new("outcome", outcome));
        CxTelemetry.InvocationDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("function", handler.Name));
        return response;
    }

    private static async Task<IResult> RunAsync(
        IFunctionHandler handler,
        InvocationRequest request,
        FunctionCatalog catalog,
        ILogger logger,
        string invocationId,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (catalog.InvocationDeadline is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            // WaitAsync answers at the deadline even when a function ignores its token.
            var result = await handler.InvokeAsync(request, deadline.Token).WaitAsync(deadline.Token);
            return result.Failed
                ? Results.Json(result.ToJson(), statusCode: StatusCodes.Status500InternalServerError)
                : Results.Json(result.ToJson(), statusCode: StatusCodes.Status200OK);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(
                "Function {Function} exceeded its deadline of {Deadline} (invocation {InvocationId})",
                handler.Name,
                catalog.InvocationDeadline,
                invocationId);
            return Error(
                StatusCodes.Status500InternalServerError,
                $"{handler.Name} did not finish within {catalog.InvocationDeadline} "
                + $"(host.json functionTimeout {catalog.FunctionTimeout}).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or an outage: fail the invocation so the host applies the trigger's retry semantics. The message
            // names the exception type only; exception messages may quote input and so must not reach the host log.
            logger.LogError(
                "Function {Function} failed with {Exception} (invocation {InvocationId}) at {Stack}",
                handler.Name, ExceptionCodes.Describe(ex), invocationId, ExceptionCodes.Stack(ex));
            return Error(StatusCodes.Status500InternalServerError, $"{handler.Name} failed with {ex.GetType().Name}.");
        }
    }

    private static IResult Error(int status, string reason)
    {
        var result = InvocationResult.Fail(reason).Log(reason);
        return Results.Json(result.ToJson(), statusCode: status);
    }
}
