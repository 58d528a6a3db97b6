using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CxServerless.Benchmarks.ColdStart;

/// <summary>
/// Starts a handler the way cx-host and the Functions host do (its executable with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>)
/// and measures the time from process start to the first HTTP answer on <c>/</c>.
/// </summary>
internal sealed class HandlerLaunch(string name, string executable, IReadOnlyDictionary<string, string> environment)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public string Name => name;

    public async Task<TimeSpan> MeasureAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var uri = new Uri($"http://127.0.0.1:{port}/");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before answering.");
                }

                try
                {
                    using var response = await Probe.GetAsync(uri);
                    return watch.Elapsed;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(2);
                }

                if (watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"{name} did not answer within 60 s.");
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
