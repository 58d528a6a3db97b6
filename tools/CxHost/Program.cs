using CxHost.Configuration;
using CxHost.Hosting;

// cx-host: the local Functions host (ARCHITECTURE §5). Runs until Ctrl+C, then stops everything it started.
var options = CommandLine.TryParse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"cx-host: {error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var host = new CxHostApplication(options);
try
{
    await host.StartAsync(stop.Token);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"cx-host: {ex.Message}");
    return 1;
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cx-host: stopping");
}

return 0;
