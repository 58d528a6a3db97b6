using System.Diagnostics;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>
/// The real handler as its own process (<c>dotnet CxServerless.Functions.dll</c>), started the way the Functions host
/// starts it: <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> on a free port, the app root and settings in the environment. It can
/// be killed like a crashed worker.
/// </summary>
internal sealed class HandlerProcess : IDisposable
{
    private readonly Process _process;

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<HandlerProcess> StartAsync(string appRoot, IReadOnlyDictionary<string, string> settings)
    {
        var port = AzuriteFixture.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(HandlerAssembly());
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsScriptRoot"] = appRoot;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the handler.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handler = new HandlerProcess(process, port);
        using var client = handler.Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                var failure = new InvalidOperationException(
                    $"The handler exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
                handler.Dispose();
                throw failure;
            }

            try
            {
                using var ready = await client.GetAsync(new Uri("/", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return handler;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the process at once, as a crash or the host's timeout would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The handler built next to this test run (same configuration).</summary>
    private static string HandlerAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The handler is not built: '{path}' is missing.");
    }
}
