using System.Globalization;
using Spectre.Console;

namespace CxSim.Running;

/// <summary>
/// Shows progress while a run goes on: a live Spectre.Console table on an interactive terminal, or one plain line per
/// interval when output is redirected (for example under cx-host).
/// </summary>
public sealed class ProgressDisplay(Func<RunSnapshot> snapshot, TextWriter output, TimeProvider time)
{
    /// <summary>Writes a plain progress line every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunPlainAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var last = snapshot();
        var lastAt = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = snapshot();
            var at = time.GetUtcNow();
            // Not cancellable: a stop request between the delay and the write must not abort the run with an exception.
            await output.WriteLineAsync(Line(now, (now.Sent - last.Sent) / Math.Max(0.001, (at - lastAt).TotalSeconds)));
            await output.FlushAsync(CancellationToken.None);
            (last, lastAt) = (now, at);
        }
    }

    /// <summary>Shows a live table on the terminal until cancelled.</summary>
    public async Task RunLiveAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("cx-sim").AddColumn(new TableColumn("now").RightAligned());
        var last = snapshot();
        var lastAt = time.GetUtcNow();
        await console.Live(table).AutoClear(true).StartAsync(async context =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var now = snapshot();
                var at = time.GetUtcNow();
                Fill(table, now, (now.Sent - last.Sent) / Math.Max(0.001, (at - lastAt).TotalSeconds));
                context.Refresh();
                (last, lastAt) = (now, at);
            }
        });
    }

    /// <summary>One progress line.</summary>
    public static string Line(RunSnapshot s, double rate)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"[cx-sim] sent {s.Sent} ({rate:0.0}/s), failed {s.Failed}, pending {s.Pending}, retries {s.Retries}, "
            + $"malformed {s.MalformedTotal}, pii {s.PiiEventsSent}, event time {s.LastEventTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static void Fill(Table table, RunSnapshot s, double rate)
    {
        table.Rows.Clear();
        var i = CultureInfo.InvariantCulture;
        table.AddRow("event time", s.LastEventTime?.ToString("yyyy-MM-dd HH:mm:ss", i) ?? "-");
        table.AddRow("sent", s.Sent.ToString("N0", i));
        table.AddRow("rate (events/s)", rate.ToString("0.0", i));
        table.AddRow("failed", s.Failed == 0 ? "0" : $"[red]{s.Failed.ToString("N0", i)}[/]");
        table.AddRow("pending", s.Pending.ToString("N0", i));
        table.AddRow("retries", s.Retries.ToString("N0", i));
        table.AddRow("malformed", s.MalformedTotal.ToString("N0", i));
        table.AddRow("with PII", s.PiiEventsSent.ToString("N0", i));
        foreach (var (channel, n) in s.SentByChannel)
        {
            table.AddRow($"  {channel}", n.ToString("N0", i));
        }
    }
}
