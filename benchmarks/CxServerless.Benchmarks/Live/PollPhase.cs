namespace CxServerless.Benchmarks.Live;

/// <summary>One polling phase: some viewers polling the summary each second, and the read side's storage requests meanwhile.</summary>
/// <param name="Name">What the phase is.</param>
/// <param name="Viewers">How many pollers ran.</param>
/// <param name="Elapsed">How long the phase lasted.</param>
/// <param name="KpiReads">The growth of <c>storage.kpiReads</c> over the phase.</param>
/// <param name="Samples">Every poll made.</param>
internal sealed record PollPhase(string Name, int Viewers, TimeSpan Elapsed, long KpiReads, IReadOnlyList<PollSample> Samples)
{
    public int Polls => Samples.Count(s => s.Status is 200 or 304);

    public double NotModifiedShare => Polls == 0 ? double.NaN : (double)Samples.Count(s => s.Status == 304) / Polls;

    public double ReadsPerSecond => KpiReads / Elapsed.TotalSeconds;

    /// <summary>Runs <paramref name="viewers"/> pollers (spread over the second) for <paramref name="length"/>.</summary>
    public static async Task<PollPhase> RunAsync(string name, int viewers, TimeSpan length, HttpClient http, TimeProvider time)
    {
        var before = await LiveApp.KpiReadsAsync(http);
        var started = time.GetTimestamp();
        using var stop = new CancellationTokenSource(length);
        var pollers = Enumerable.Range(1, viewers).Select(n => new SummaryPoller(http, n, time)).ToList();
        var phase = TimeSpan.FromSeconds(1.0 / Math.Max(1, viewers));
        await Task.WhenAll(pollers.Select((p, i) => p.RunAsync(phase * i, stop.Token)));
        if (viewers == 0)
        {
            await Task.Delay(length, time);
        }

        var elapsed = time.GetElapsedTime(started);
        var after = await LiveApp.KpiReadsAsync(http);
        return new PollPhase(name, viewers, elapsed, after - before, [.. pollers.SelectMany(p => p.Samples)]);
    }
}
