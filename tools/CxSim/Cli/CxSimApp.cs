using System.Globalization;
using CxServerless.Domain;
using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;
using Spectre.Console;

namespace CxSim.Cli;

/// <summary>One cx-sim run from resolved settings: labels, sending with progress, summary, exit code.</summary>
internal sealed class CxSimApp(CliSettings settings, TextWriter output, TextWriter error, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var generator = new TrafficGenerator(settings.Scenario);
        await output.WriteLineAsync(Header());
        if (settings.Scenario.Start > time.GetUtcNow().AddMinutes(1))
        {
            await output.WriteLineAsync(
                "[cx-sim] the start is in the future: events are held until their event time comes (cx-sim never sends an event early).");
        }

        if (settings.LabelsPath is not null && !await WriteLabelsAsync(generator))
        {
            return ExitCodes.SendFailures;
        }

        using var http = EventHubRestSender.CreateHttpClient();
        await using var producer = settings.SdkTarget?.CreateClient(EventHubSdkTarget.DefaultTryTimeout);
        IBatchSender sender = producer is not null
            ? new EventHubSdkSender(producer, settings.Retry, time)
            : new EventHubRestSender(http, settings.RestTarget!, settings.Retry, time);
        var runner = new SimulationRunner(generator, sender, settings.Run, time);
        using var progressStop = new CancellationTokenSource();
        var progress = StartProgress(runner, progressStop.Token);
        var result = await runner.RunAsync(stop);
        await progressStop.CancelAsync();
        await progress;

        var report = Report(generator, result);
        SummaryTable.Write(ConsoleOver(output), report);
        if (settings.SummaryJsonPath is not null && !await WriteSummaryAsync(report))
        {
            return ExitCodes.SendFailures;
        }

        return result.StoppedBy == StopReason.Unauthorized ? ExitCodes.Unauthorized
            : result.Counts.Failed > 0 ? ExitCodes.SendFailures
            : ExitCodes.Success;
    }

    private string Header()
    {
        var s = settings.Scenario;
        var i = CultureInfo.InvariantCulture;
        var speed = double.IsPositiveInfinity(settings.Run.Speed) ? "max" : settings.Run.Speed.ToString("0.##", i) + "×";
        var span = s.Duration is { } d ? DurationText.Format(d) : "until stopped";
        return string.Create(i,
            $"[cx-sim] → {settings.Destination} | seed {s.Seed} | {settings.RateDescription}"
            + $" | speed {speed} | from {s.Start:yyyy-MM-ddTHH:mm:ssZ}, {span} | curve {s.Curve.Name} | {s.Incidents.Count} incident(s)");
    }

    private async Task<bool> WriteLabelsAsync(TrafficGenerator generator)
    {
        try
        {
            await LabelsFile.WriteAsync(settings.LabelsPath!, generator.Labels, CancellationToken.None);
            await output.WriteLineAsync($"[cx-sim] {generator.Labels.Count} incident label(s) written to {settings.LabelsPath}");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cx-sim: cannot write the labels file '{settings.LabelsPath}': {ex.Message}");
            return false;
        }
    }

    private async Task<bool> WriteSummaryAsync(RunReport report)
    {
        try
        {
            await File.WriteAllTextAsync(settings.SummaryJsonPath!, report.ToJson());
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cx-sim: cannot write the summary file '{settings.SummaryJsonPath}': {ex.Message}");
            return false;
        }
    }

    private Task StartProgress(SimulationRunner runner, CancellationToken stop)
    {
        var display = new ProgressDisplay(runner.Counters.Snapshot, output, time);
        var interactive = ReferenceEquals(output, Console.Out)
            && !Console.IsOutputRedirected
            && AnsiConsole.Profile.Capabilities.Interactive;
        return settings.Progress switch
        {
            ProgressMode.None => Task.CompletedTask,
            ProgressMode.Live or ProgressMode.Auto when interactive => display.RunLiveAsync(AnsiConsole.Console, stop),
            _ => display.RunPlainAsync(settings.ProgressInterval, stop),
        };
    }

    private RunReport Report(TrafficGenerator generator, RunResult result)
    {
        var c = result.Counts;
        return new RunReport
        {
            Target = settings.Destination,
            Seed = settings.Scenario.Seed,
            Volume = settings.RateDescription,
            Speed = settings.Run.Speed,
            EventTimeStart = settings.Scenario.Start,
            EventTimeLast = c.LastEventTime,
            ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            StoppedBy = result.StoppedBy.ToString(),
            Generated = c.Generated,
            Sent = c.Sent,
            Failed = c.Failed,
            NotSent = c.NotSent,
            Batches = c.Batches,
            Requests = c.Requests,
            Retries = c.Retries,
            AchievedRate = Math.Round(result.AchievedRate, 2),
            SentByChannel = c.SentByChannel.ToDictionary(p => p.Key.ToString(), p => p.Value),
            Malformed = c.MalformedTotal,
            MalformedByKind = c.MalformedSent.ToDictionary(p => p.Key.ToString(), p => p.Value),
            PiiEvents = c.PiiEventsSent,
            PiiByKind = c.PiiSent.ToDictionary(p => p.Key.ToString(), p => p.Value),
            Incidents = [.. generator.Scenario.Incidents.Select(x =>
                string.Create(CultureInfo.InvariantCulture, $"{x.ToLabel().Kind} {x.Slice} {x.Start:HH:mm}–{x.End:HH:mm}Z"))],
            LabelsFile = settings.LabelsPath,
            LastError = c.LastError,
        };
    }

    private static IAnsiConsole ConsoleOver(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
}
