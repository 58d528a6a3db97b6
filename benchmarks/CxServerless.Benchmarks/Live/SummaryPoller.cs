using System.Net;
using System.Text.Json.Nodes;

namespace CxServerless.Benchmarks.Live;

/// <summary>One poll of the summary: when it was answered, how, and the newest event time the tiles then showed.</summary>
/// <param name="Poller">Which poller made it.</param>
/// <param name="AnsweredAt">Wall time when the answer arrived.</param>
/// <param name="Status">200, 304, or 0 for a failed request.</param>
/// <param name="Shown">The <c>newestEventTime</c> the dashboard shows after this poll (a 304 keeps the last 200's).</param>
/// <param name="Watermark">The global watermark the dashboard shows after this poll.</param>
/// <param name="RequestMilliseconds">How long the request took.</param>
internal sealed record PollSample(
    int Poller, DateTimeOffset AnsweredAt, int Status, DateTimeOffset? Shown, DateTimeOffset? Watermark, double RequestMilliseconds)
{
    /// <summary>Freshness: how far the figures shown lag wall time (event times are "now" when sent).</summary>
    public double? LagSeconds => Shown is { } shown ? (AnsweredAt - shown).TotalSeconds : null;
}

/// <summary>
/// Polls <c>GET /api/kpis/summary</c> once a second like the dashboard: with <c>If-None-Match</c> set to the last
/// ETag, as the development Supervisor cx-host presents.
/// </summary>
internal sealed class SummaryPoller(HttpClient http, int number, TimeProvider time)
{
    private static readonly Uri Summary = new("api/kpis/summary", UriKind.Relative);
    private readonly List<PollSample> _samples = [];
    private string? _etag;
    private DateTimeOffset? _shown;
    private DateTimeOffset? _watermark;

    public IReadOnlyList<PollSample> Samples => _samples;

    /// <summary>Polls every second, starting after <paramref name="phase"/>, until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(TimeSpan phase, CancellationToken stop)
    {
        try
        {
            await Task.Delay(phase, time, stop);
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            do
            {
                _samples.Add(await PollAsync(stop));
            }
            while (await tick.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<PollSample> PollAsync(CancellationToken stop)
    {
        var started = time.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, Summary);
        if (_etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", _etag);
        }

        try
        {
            using var response = await http.SendAsync(request, stop);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                _etag = response.Headers.ETag?.ToString() ?? _etag;
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop));
                _shown = body?["newestEventTime"]?.GetValue<DateTimeOffset?>() ?? _shown;
                _watermark = body?["watermark"]?.GetValue<DateTimeOffset?>() ?? _watermark;
            }

            return new PollSample(
                number,
                time.GetUtcNow(),
                status,
                status is 200 or 304 ? _shown : null,
                _watermark,
                time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !stop.IsCancellationRequested))
        {
            Console.Error.WriteLine($"poller {number}: {ex.Message}");
            return new PollSample(number, time.GetUtcNow(), 0, null, null, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
