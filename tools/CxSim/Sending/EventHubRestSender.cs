using System.Net;
using System.Net.Http.Headers;
using CxSim.Generation;

namespace CxSim.Sending;

/// <summary>
/// Sends batches with the Event Hubs REST send API (<c>POST {hub}/messages</c>, batch JSON, SAS authorization). Retries
/// transient failures with exponential backoff, halves a batch the service finds too large (413), and reports every
/// event as sent or failed, so no event is ever unaccounted for.
/// </summary>
public sealed class EventHubRestSender(HttpClient http, EventHubTarget target, RetryPolicy retry, TimeProvider time) : IBatchSender
{
    private readonly SasTokenSource _tokens = new(target, time);

    /// <inheritdoc />
    public async Task<BatchOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return new BatchOutcome(0, 0, 0, null, null);
        }

        var body = EventHubBatchBody.Serialize(batch);
        var requests = 0;
        for (var attempt = 1; ; attempt++)
        {
            var (status, retryAfter, error) = await PostAsync(body, cancellationToken);
            requests++;
            if (status is >= 200 and < 300)
            {
                return new BatchOutcome(batch.Count, 0, requests, status, null);
            }

            if (status == 413 && batch.Count > 1)
            {
                var half = batch.Count / 2;
                var first = await SendAsync([.. batch.Take(half)], cancellationToken);
                var second = await SendAsync([.. batch.Skip(half)], cancellationToken);
                var both = BatchOutcome.Combine(first, half, second, batch.Count - half);
                return both with { Requests = both.Requests + requests };
            }

            if (status is 401 or 403)
            {
                return new BatchOutcome(
                    0, batch.Count, requests, status, $"HTTP {status}: the service refused the credentials", Unauthorized: true);
            }

            var transient = status is null || RetryPolicy.IsTransient(status.Value);
            if (!transient || attempt >= retry.MaxAttempts)
            {
                var why = status is null ? error : $"HTTP {status}{(error is null ? string.Empty : ": " + error)}";
                return new BatchOutcome(0, batch.Count, requests, status, $"{why} after {attempt} attempt(s)");
            }

            await Task.Delay(retry.DelayBefore(attempt, retryAfter), time, cancellationToken);
        }
    }

    private async Task<(int? Status, TimeSpan? RetryAfter, string? Error)> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.MessagesUri);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(EventHubBatchBody.ContentType);
        request.Headers.TryAddWithoutValidation("Authorization", _tokens.Current());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var error = status is >= 200 and < 300 ? null : await ReadErrorAsync(response, cancellationToken);
            return (status, RetryAfter(response, time.GetUtcNow()), error);
        }
        catch (HttpRequestException ex)
        {
            return (null, null, $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? response.ReasonPhrase : text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>An <see cref="HttpClient"/> suited to long runs (pooled connections renewed, 30-second timeout).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
