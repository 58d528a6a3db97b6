using CxHost.Configuration;
using CxHost.Hosting;

// cx-host: the local Functions host (ARCHITECTURE §5). Runs until Ctrl+C or SIGTERM, then stops everything it started.
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
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("cx-host: stopped during start-up");
    return 130;
}

// Ctrl+C and SIGTERM after start-up reach the web host's console lifetime, which ends this wait.
await host.WaitForShutdownAsync(CancellationToken.None);
Console.Error.WriteLine("cx-host: stopping everything it started");
return 0;
