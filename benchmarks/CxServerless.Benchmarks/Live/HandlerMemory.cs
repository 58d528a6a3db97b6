using System.Globalization;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// Samples the handler process's resident memory once a second (Linux <c>/proc/{pid}/status</c>: <c>VmRSS</c>, and
/// <c>VmHWM</c>, the kernel's own peak, read on every sample so a restarted handler's peak is not lost). The handler is
/// a separate process from this harness, so the figure is the handler's alone, generator and cx-host excluded.
/// </summary>
internal sealed class HandlerMemory(Func<int> processId)
{
    private long _peakBytes;
    private long _samples;
    private long _lastBytes;
    private int _pids;
    private int _lastPid;

    /// <summary>The highest resident set seen (the larger of sampled VmRSS and the kernel's VmHWM), in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>The resident set at the last sample, in bytes.</summary>
    public long LastBytes => Interlocked.Read(ref _lastBytes);

    /// <summary>How many samples were read.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>How many handler processes were seen (more than one means the handler restarted).</summary>
    public int Processes => _pids;

    /// <summary>Samples until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var pid = processId();
        if (pid == 0 || ReadStatus(pid) is not { } status)
        {
            return;
        }

        if (pid != _lastPid)
        {
            _lastPid = pid;
            _pids++;
        }

        Interlocked.Exchange(ref _lastBytes, status.Rss);
        Interlocked.Exchange(ref _peakBytes, Math.Max(_peakBytes, Math.Max(status.Rss, status.Hwm)));
        Interlocked.Increment(ref _samples);
    }

    /// <summary>VmRSS and VmHWM of a process in bytes, or null when it is gone or the platform has no /proc.</summary>
    internal static (long Rss, long Hwm)? ReadStatus(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line) * 1024;
                }
            }

            return rss == 0 ? null : (rss, hwm);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
