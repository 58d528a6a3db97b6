using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.Queues;
using CxHost.Storage;

namespace CxHost.Handler;

/// <summary>
/// Sends invocations to the handler (<c>POST /{FunctionName}</c> with the host's headers), enforces
/// <c>functionTimeout</c> (a timed-out invocation fails and restarts the handler, as in Azure) and logs one line per
/// invocation: function, duration, outcome. After a success it writes the function's queue output bindings; failing to
/// write them fails the invocation, as in the host.
/// </summary>
public sealed class FunctionInvoker(
    HandlerProcess handler, TimeSpan functionTimeout, QueueOutputWriter outputs, ILogger<FunctionInvoker> logger) : IDisposable
{
    /// <summary>The host version cx-host reports in <c>X-Azure-Functions-HostVersion</c>.</summary>
    public const string HostVersion = "4.0.0-cxhost";

    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };
    private int _inFlight;

    /// <summary>How many invocations are running now (the fault tests kill the handler while one is).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Invokes <paramref name="function"/> with <paramref name="envelope"/>; never throws for handler failures.</summary>
    public async Task<InvocationOutcome> InvokeAsync(FunctionDefinition function, JsonObject envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(envelope);
        var functionName = function.Name;
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(functionTimeout);
        InvocationOutcome outcome;
        Interlocked.Increment(ref _inFlight);
        try
        {
            await handler.WaitReadyAsync(timeout.Token);
            outcome = await SendAsync(functionName, envelope, watch, timeout.Token);
            if (outcome.Succeeded)
            {
                outcome = await WriteOutputsAsync(function, outcome, cancellationToken);
            }
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
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        Log(functionName, outcome);
        return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<InvocationOutcome> WriteOutputsAsync(
        FunctionDefinition function, InvocationOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await outputs.WriteAsync(function, outcome, cancellationToken);
            return outcome;
        }
        catch (Exception ex) when (StorageFailure.IsTransient(ex) || ex is FormatException)
        {
            // As in the host, an output binding that cannot be written fails the invocation.
            logger.LogError(ex, "{Function}: writing an output binding failed", function.Name);
            return outcome with { Succeeded = false, Failure = $"writing an output binding failed ({ex.GetType().Name})" };
        }
    }

    private async Task<InvocationOutcome> SendAsync(
        string functionName, JsonObject envelope, Stopwatch watch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handler.BaseAddress, functionName))
        {
            Content = new StringContent(envelope.ToJsonString(Envelope.InvocationEnvelope.WireFormat), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new InvocationOutcome(false, watch.Elapsed, $"handler answered {(int)response.StatusCode}", TryParse(body));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            // The host reads a null result from an empty body and never completes the invocation: it waits for functionTimeout.
            logger.LogWarning(
                "{Function} answered 2xx with an empty body; like the Functions host, cx-host now waits for functionTimeout", functionName);
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
            foreach (var line in outcome.Logs)
            {
                logger.LogInformation("{Function}: {Line}", functionName, line);
            }

            logger.LogInformation("{Function} {Duration} ms Succeeded", functionName, (long)outcome.Duration.TotalMilliseconds);
        }
        else
        {
            // The handler's own log lines say why it failed; the Functions host writes them to the invocation log too.
            var lines = outcome.Logs;
            logger.LogWarning(
                "{Function} {Duration} ms Failed: {Reason}{Logs}",
                functionName,
                (long)outcome.Duration.TotalMilliseconds,
                outcome.Failure,
                lines.Count == 0 ? string.Empty : "; handler logs: " + string.Join(" | ", lines));
        }
    }
}
