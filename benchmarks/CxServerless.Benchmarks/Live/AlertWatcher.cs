using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CxServerless.Benchmarks.Live;

/// <summary>Polls the app's Alerts table every 100 ms and stamps each probe when its <c>probe-wait</c> row first appears.</summary>
internal sealed class AlertWatcher(TableClient alerts, ProbeInjector probes, TimeProvider time)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stop);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // The evaluator creates the table on its first pass.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(Every, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ScanAsync(CancellationToken stop)
    {
        var filter = TableClient.CreateQueryFilter($"RuleId eq {BenchRules.ProbeRuleId}");
        await foreach (var row in alerts.QueryAsync<TableEntity>(filter, select: ["Slice", "WindowEnd"], cancellationToken: stop))
        {
            var seen = time.GetUtcNow();
            var slice = row.GetString("Slice") ?? string.Empty;
            var at = slice.IndexOf("=" + BenchRules.ProbeQueuePrefix, StringComparison.OrdinalIgnoreCase);
            if (at < 0
                || !int.TryParse(
                    slice.AsSpan(at + 1 + BenchRules.ProbeQueuePrefix.Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var number))
            {
                continue;
            }

            if (probes.Find(number) is { SeenAt: null } probe)
            {
                probe.SeenAt = seen;
                probe.AlertWindowEnd = row.GetDateTimeOffset("WindowEnd");
            }
        }
    }
}
