using CxServerless.Domain.Events;
using CxSim.Faults;
using CxSim.Running;

namespace CxSim.Tests.Running;

public class ProgressDisplayTests
{
    private static readonly RunSnapshot Snapshot = new(120, 100, 2, 3, 10, 12, 2,
        new Dictionary<CxChannel, long> { [CxChannel.Voice] = 100 }, new Dictionary<MalformedKind, long> { [MalformedKind.TruncatedJson] = 4 },
        new Dictionary<PiiKinds, long> { [PiiKinds.Email] = 5 }, 5, new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero), null);

    [Fact]
    public void A_progress_line_has_every_count_and_the_event_time()
    {
        var line = ProgressDisplay.Line(Snapshot, 4.24);

        Assert.Equal("[cx-sim] sent 100 (4.2/s), failed 2, pending 15, retries 2, malformed 4, pii 5, event time 2026-11-23T09:30:00Z", line);
    }

    [Fact]
    public async Task Plain_progress_writes_lines_until_stopped_and_then_ends_quietly()
    {
        // The display writes from its own task while the test reads: share one synchronized writer (it locks on itself).
        using var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        string Written()
        {
            lock (output)
            {
                return text.ToString();
            }
        }

        using var stop = new CancellationTokenSource();
        var display = new ProgressDisplay(() => Snapshot, output, TimeProvider.System);

        var running = display.RunPlainAsync(TimeSpan.FromMilliseconds(5), stop.Token);
        while (Written().Split('\n').Length < 4)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await running;

        Assert.True(running.IsCompletedSuccessfully);
        Assert.StartsWith("[cx-sim] sent 100", Written(), StringComparison.Ordinal);
    }
}
