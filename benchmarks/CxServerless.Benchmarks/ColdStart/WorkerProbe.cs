using System.Diagnostics;
using System.Globalization;
using CxServerless.Workflows.Hosting;
using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.ColdStart;

/// <summary>
/// The Durable Task worker's own start-up cost, cold, in a fresh process (this benchmark's executable run as
/// <c>cold-start --worker-probe</c>): a host with <see cref="WorkflowServiceCollectionExtensions.AddCxWorkflows"/> only,
/// timing the resolution of <see cref="WorkflowHost"/> (the handler does it before Kestrel listens, so it is on the
/// readiness path) and the time from building the host to <see cref="WorkflowHost.Started"/>.
/// </summary>
internal static class WorkerProbe
{
    public const string Argument = "--worker-probe";

    private const string StorageVariable = "CX_WORKER_PROBE_STORAGE";

    /// <summary>The child's side: measures and prints "probe {resolve ms} {started ms}".</summary>
    public static async Task<int> RunAsync(string taskHub)
    {
        var connectionString = Environment.GetEnvironmentVariable(StorageVariable)
            ?? throw new InvalidOperationException($"{StorageVariable} is not set.");
        var watch = Stopwatch.StartNew();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddCxWorkflows(_ => new StorageAccountClientProvider(connectionString)).Configure(o => o.TaskHub = taskHub);
        using var host = builder.Build();
        var built = watch.Elapsed;
        var worker = host.Services.GetRequiredService<WorkflowHost>();
        var resolved = watch.Elapsed - built;
        await host.StartAsync();
        await worker.Started.WaitAsync(TimeSpan.FromSeconds(30));
        var started = watch.Elapsed;
        Console.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"probe {resolved.TotalMilliseconds:0.0} {started.TotalMilliseconds:0.0}"));
        await host.StopAsync();
        return 0;
    }

    /// <summary>The parent's side: runs one probe process on a new task hub; returns its two figures in ms.</summary>
    public static async Task<(double Resolve, double Started)> MeasureAsync(string connectionString, string taskHub)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No process path."))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProbe).Assembly.Location);
        }

        foreach (var arg in new[] { "cold-start", Argument, taskHub })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[StorageVariable] = connectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker probe.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("probe ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The worker probe failed (exit {process.ExitCode}): {errors}");
        var parts = line.Split(' ');
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
