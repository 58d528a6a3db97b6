using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.Handler;

/// <summary>
/// Sends invocations to the handler (<c>POST /{FunctionName}</c> with the host's headers), enforces
/// <c>functionTimeout</c> (a timed-out invocation fails and restarts the handler, as in Azure) and logs one line per
/// invocation: function, duration, outcome.
/// </summary>
public sealed class FunctionInvoker(HandlerProcess handler, TimeSpan functionTimeout, ILogger<FunctionInvoker> logger) : IDisposable
{
    /// <summary>The host version cx-host reports in <c>X-Azure-Functions-HostVersion</c>.</summary>
    public const string HostVersion = "4.0.0-cxhost";

    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Invokes <paramref name="functionName"/> with <paramref name="envelope"/>; never throws for handler failures.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string functionName, JsonObject envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(functionTimeout);
        InvocationOutcome outcome;
        try
        {
            await handler.WaitReadyAsync(timeout.Token);
            outcome = await SendAsync(functionName, envelope, watch, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new InvocationOutcome(false, watch.Elapsed, $"timed out after functionTimeout {functionTimeout}", null);
            await handler.RestartAsync($"{functionName} exceeded functionTimeout {functionTimeout}", cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            outcome = new InvocationOutcome(false, watch.Elapsed, $"handler unreachable ({ex.HttpRequestError})", null);
        }

        Log(functionName, outcome);
        return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<InvocationOutcome> SendAsync(string functionName, JsonObject envelope, Stopwatch watch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handler.BaseAddress, functionName))
        {
            Content = new StringContent(envelope.ToJsonString(Envelope.InvocationEnvelope.WireFormat), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Custom-Handler", HostVersion));
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new InvocationOutcome(false, watch.Elapsed, $"handler answered {(int)response.StatusCode}", TryParse(body));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            // The host reads a null result from an empty body and never completes the invocation: it waits for functionTimeout.
            logger.LogWarning("{Function} answered 2xx with an empty body; like the Functions host, cx-host now waits for functionTimeout", functionName);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return TryParse(body) is { } result
            ? new InvocationOutcome(true, watch.Elapsed, null, result)
            : new InvocationOutcome(false, watch.Elapsed, "handler answered a body that is not a JSON object", null);
    }

    private static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Log(string functionName, InvocationOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            logger.LogInformation("{Function} {Duration} ms Succeeded", functionName, (long)outcome.Duration.TotalMilliseconds);
        }
        else
        {
            logger.LogWarning("{Function} {Duration} ms Failed: {Reason}", functionName, (long)outcome.Duration.TotalMilliseconds, outcome.Failure);
        }
    }
}
