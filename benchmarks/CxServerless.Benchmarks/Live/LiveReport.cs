using System.Globalization;

namespace CxServerless.Benchmarks.Live;

/// <summary>Prints a live run as tables, each figure with its same-run baseline.</summary>
internal sealed class LiveReport(LiveOptions options, LiveResult result)
{
    private const int NaiveWindowMinutes = 15;

    public void Print()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        Line($"Live KPI/alert benchmark: cx-host in-process, real handler ({configuration}), Azurite, {options.Partitions} partitions, "
            + $"{Environment.ProcessorCount} cores (shared).");
        Line($"Load: cx-sim steady traffic (default channels/queues, flat curve), target {options.Rate:0.#} events/s = "
            + $"{result.ContactsPerMinute:0.#} contacts/min; achieved {result.AchievedRate:0.0} events/s; "
            + $"{result.FailedEvents} events failed; producer batches wait ≤ 100 ms.");
        Line($"Evaluator: CxAlertSchedule '{options.AlertSchedule}' (period {options.AlertEverySeconds} s). "
            + "Event time (bench rules): allowedLateness 10s, idleTimeout 30s (shipped: 2m, 1m). "
            + $"Measured for {result.Measured.TotalSeconds:0} s after warm-up.");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Handler memory (resident, the handler process alone): peak {result.HandlerPeakBytes / 1048576.0:0} MB "
            + $"(aim ≤ 400 MB), at the end {result.HandlerLastBytes / 1048576.0:0} MB; {result.HandlerProcesses} handler process(es)."));
        Line();
        PrintLatencies();
        Line();
        PrintReads();
        Line();
        PrintProbes();
    }

    private void PrintLatencies()
    {
        var polls = result.Phases.SelectMany(p => p.Samples).ToList();
        var probes = result.Probes;
        Line($"| {"measure (seconds)",-62} | {"n",4} | {"p50",6} | {"p95",6} | {"max",6} | {"p95 ÷ period",12} | {"aim",6} |");
        Line($"|{new string('-', 64)}|{new string('-', 6)}|{new string('-', 8)}|{new string('-', 8)}|"
            + $"{new string('-', 8)}|{new string('-', 14)}|{new string('-', 8)}|");
        Row("freshness: poll answered − newestEventTime shown (every poll)",
            [.. polls.Select(s => s.LagSeconds).OfType<double>()], "≤ 5");
        Row("freshness, 200 answers only", [.. polls.Where(s => s.Status == 200).Select(s => s.LagSeconds).OfType<double>()], "≤ 5");
        Row("watermark lag: poll answered − watermark (10 s lateness incl.)",
            [.. polls.Select(s => s.AnsweredAt - s.Watermark).OfType<TimeSpan>().Select(t => t.TotalSeconds)], null);
        Row("summary request duration", [.. polls.Where(s => s.Status != 0).Select(s => s.RequestMilliseconds / 1000)], null);
        Row("alert latency after window close (row seen − T_close)",
            [.. probes.Select(p => p.AfterCloseSeconds).OfType<double>()], "≤ 2");
        Row("evaluator pass: row seen − the timer tick before it",
            [.. probes.Select(p => p.SeenAt).OfType<DateTimeOffset>().Select(SinceTick)], null);
        Row("alert latency from probe POST (row seen − POST)", [.. probes.Select(p => p.FromPostSeconds).OfType<double>()], string.Empty);
        Row("T_close − window end (lateness + producer batching)",
            [.. probes.Where(p => p.ClosedAt is not null).Select(p => (p.ClosedAt!.Value - p.WindowEnd).TotalSeconds)], null);
        var windows = probes.Where(p => p.AfterCloseSeconds is not null).Select(p => p.WindowEnd).Distinct().Count();
        var alertsSeen = probes.Count(p => p.SeenAt is not null);
        var otherWindow = probes.Count(p => p.SeenAt is not null && p.AlertWindowEnd != p.WindowEnd);
        Line($"Probes: {probes.Count} injected, {alertsSeen} alerts seen, over {windows} distinct window closes; "
            + $"{otherWindow} alert rows name another window than the probe's minute.");
        Line($"Phase: T_close always falls ~{BenchRules.AllowedLateness.TotalSeconds:0} s after a minute, "
            + $"so it meets the {options.AlertEverySeconds} s timer at the same phase in every probe; "
            + "with an arbitrary phase, latency after close ≈ ingest of the closing send + wait for the next tick (0 to one period) "
            + "+ the evaluator pass.");
        Line("T_close: the wall time at which cx-host accepted (HTTP 201) the send that first gave every partition "
            + "sent to in the last 30 s "
            + "an event with event time ≥ window end + 10 s, so the global watermark passes the window end once that send is ingested. "
            + "Latency after close thus includes ingesting that send, the evaluator's timer wait and pass, and the Alerts write; "
            + "rows are polled every 100 ms.");
    }

    private void PrintReads()
    {
        var idle = result.Phases.First(p => p.Viewers == 0);
        var naive = NaiveWindowMinutes * options.Partitions;
        Line("Storage reads of the KPI read side (/api/health storage.kpiReads; evaluator included). "
            + $"Naive cost: one query per minute row per poll = {NaiveWindowMinutes} minutes × "
            + $"{options.Partitions} partitions = {naive}.");
        Line($"| {"phase",-28} | {"s",5} | {"polls",5} | {"304",5} | {"reads",6} | {"reads/s",7} | "
            + $"{"per refresh",11} | {"net of no-viewer",16} | {"÷ naive",7} |");
        Line($"|{new string('-', 30)}|{new string('-', 7)}|{new string('-', 7)}|{new string('-', 7)}|{new string('-', 8)}|"
            + $"{new string('-', 9)}|{new string('-', 13)}|{new string('-', 18)}|{new string('-', 9)}|");
        foreach (var phase in result.Phases)
        {
            var perRefresh = phase.Polls == 0 ? double.NaN : (double)phase.KpiReads / phase.Polls;
            var net = phase.Polls == 0 ? double.NaN : (phase.KpiReads - (idle.ReadsPerSecond * phase.Elapsed.TotalSeconds)) / phase.Polls;
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {phase.Name,-28} | {phase.Elapsed.TotalSeconds,5:0} | {phase.Polls,5} | {phase.NotModifiedShare,5:P0} | "
                + $"{phase.KpiReads,6} | {phase.ReadsPerSecond,7:0.00} | {perRefresh,11:0.00} | {net,16:0.00} | "
                + $"{perRefresh / naive,7:0.000} |"));
        }
    }

    private void PrintProbes()
    {
        Line($"| {"probe",6} | {"window end (UTC)",16} | {"posted",8} | {"T_close",8} | {"seen",8} | "
            + $"{"after close",11} | {"from POST",9} |");
        Line($"|{new string('-', 8)}|{new string('-', 18)}|{new string('-', 10)}|{new string('-', 10)}|"
            + $"{new string('-', 10)}|{new string('-', 13)}|{new string('-', 11)}|");
        foreach (var p in result.Probes)
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Number,6} | {p.WindowEnd:HH:mm:ss} {string.Empty,7} | {Clock(p.PostedAt),8} | {Clock(p.ClosedAt),8} | "
                + $"{Clock(p.SeenAt),8} | {Seconds(p.AfterCloseSeconds),11} | {Seconds(p.FromPostSeconds),9} |"));
        }
    }

    /// <summary>One row; <paramref name="aim"/> null means the ratio to the evaluator period is not meaningful for it.</summary>
    private void Row(string name, IReadOnlyList<double> values, string? aim)
    {
        var p95 = Percentiles.Of(values, 0.95);
        var ratio = aim is null ? string.Empty : (p95 / options.AlertEverySeconds).ToString("0.00", CultureInfo.InvariantCulture);
        Line(string.Create(CultureInfo.InvariantCulture,
            $"| {name,-62} | {values.Count,4} | {Percentiles.Of(values, 0.5),6:0.00} | {p95,6:0.00} | "
            + $"{(values.Count == 0 ? double.NaN : values.Max()),6:0.00} | {ratio,12} | {aim,6} |"));
    }

    /// <summary>Seconds since the NCRONTAB tick of the evaluator's schedule at or before <paramref name="t"/>.</summary>
    private double SinceTick(DateTimeOffset t)
    {
        var period = TimeSpan.FromSeconds(options.AlertEverySeconds).Ticks;
        var intoMinute = t.UtcTicks % TimeSpan.TicksPerMinute;
        return (double)(intoMinute % period) / TimeSpan.TicksPerSecond;
    }

    private static string Clock(DateTimeOffset? t) => t?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    private static string Seconds(double? s) => s?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";

    private static void Line(string text = "") => Console.WriteLine(text);
}
