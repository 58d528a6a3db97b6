using System.CommandLine;

namespace CxSim.Cli;

/// <summary>The cx-sim command line: parses, validates (exit code 2 with a message per problem) and runs.</summary>
public static class CxSimCli
{
    /// <summary>Runs cx-sim with <paramref name="args"/>; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where progress and the summary go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="environment">Reads environment variables (<c>EventHubConnection</c>, <c>CxEventHubName</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="stop">Stops the run (Ctrl+C); the summary is still written.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, TimeProvider time, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        var options = new CxSimOptions();
        var root = new RootCommand(
            "cx-sim: realistic contact-centre traffic for CxServerless, sent with the Event Hubs REST API or SDK (docs/cx-sim.md).");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.SetAction(async (parse, token) =>
        {
            var resolver = new SettingsResolver(options, parse, environment, time.GetUtcNow());
            var settings = resolver.Resolve();
            if (settings is null)
            {
                return await UsageErrorAsync(error, resolver.Errors);
            }

            return await new CxSimApp(settings, output, error, time).RunAsync(token);
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            return await UsageErrorAsync(error, [.. result.Errors.Select(e => e.Message)]);
        }

        return await result.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, stop);
    }

    private static async Task<int> UsageErrorAsync(TextWriter error, IReadOnlyList<string> messages)
    {
        foreach (var message in messages)
        {
            await error.WriteLineAsync($"cx-sim: {message}");
        }

        await error.WriteLineAsync("Run 'cx-sim --help' for the options.");
        return ExitCodes.Usage;
    }
}
