using System.Globalization;
using Spectre.Console;

namespace CxSim.Running;

/// <summary>Renders a <see cref="RunReport"/> as a two-column table.</summary>
public static class SummaryTable
{
    /// <summary>Writes the summary to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var i = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title("cx-sim summary").AddColumn("").AddColumn("");
        table.HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("target", report.Target);
        Row("seed", report.Seed.ToString(i) + " (same events again: --seed " + report.Seed.ToString(i) + ")");
        Row("volume", report.Volume);
        Row("speed", double.IsPositiveInfinity(report.Speed) ? "max (unpaced)" : report.Speed.ToString("0.##", i) + "×");
        Row("event time", $"{report.EventTimeStart:yyyy-MM-ddTHH:mm:ssZ} → {report.EventTimeLast:yyyy-MM-ddTHH:mm:ssZ}");
        Row("wall time", TimeSpan.FromSeconds(Math.Round(report.ElapsedSeconds)).ToString("c", i));
        Row("stopped by", report.StoppedBy);
        Row("generated", report.Generated.ToString("N0", i));
        Row("sent (201)", report.Sent.ToString("N0", i));
        Row("failed", report.Failed.ToString("N0", i));
        Row("not sent (stopped)", report.NotSent.ToString("N0", i));
        Row(
            "requests",
            $"{report.Requests.ToString("N0", i)} in {report.Batches.ToString("N0", i)} batches"
            + $" ({report.Retries.ToString("N0", i)} retries)");
        Row("achieved rate", report.AchievedRate.ToString("0.0", i) + " events/s");
        Row("by channel", Join(report.SentByChannel));
        Row("malformed", $"{report.Malformed.ToString("N0", i)} {Brackets(report.MalformedByKind)}");
        Row("with PII", $"{report.PiiEvents.ToString("N0", i)} events {Brackets(report.PiiByKind)}");
        Row("incidents", report.Incidents.Count == 0 ? "none" : string.Join("; ", report.Incidents));
        if (report.LabelsFile is not null)
        {
            Row("labels", report.LabelsFile);
        }

        if (report.LastError is not null)
        {
            Row("last error", report.LastError);
        }

        console.Write(table);
    }

    private static string Join(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0
            ? "-"
            : string.Join(", ", counts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));

    private static string Brackets(IReadOnlyDictionary<string, long> counts) => counts.Count == 0 ? string.Empty : $"({Join(counts)})";
}
