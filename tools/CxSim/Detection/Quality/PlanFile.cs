using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CxSim.Detection.Quality;

/// <summary>
/// The incident plan as a file: every run and, per incident, its placement and its label (what the scorer matches
/// against). Written before any traffic is generated and hashed into the report, so the labels cannot move after the
/// scores are seen. The text is canonical: the same plan always gives the same bytes.
/// </summary>
public static class PlanFile
{
    /// <summary>The plan as indented JSON (LF line ends).</summary>
    public static string Write(IReadOnlyList<PlannedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteStartArray("runs");
            foreach (var run in runs)
            {
                WriteRun(json, run);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteRun(Utf8JsonWriter json, PlannedRun run)
    {
        json.WriteStartObject();
        json.WriteString("id", run.Id);
        json.WriteString("generator", run.Generator);
        json.WriteNumber("seed", run.Seed);
        json.WriteString("start", Time(run.Start));
        json.WriteString("scoredFrom", Time(run.ScoredFrom));
        json.WriteString("end", Time(run.End));
        json.WriteStartArray("incidents");
        var labels = PlannedTraffic.Labels(run);
        for (var i = 0; i < run.Incidents.Count; i++)
        {
            var incident = run.Incidents[i];
            var label = labels[i];
            json.WriteStartObject();
            json.WriteString("kind", incident.Kind);
            json.WriteString("slice", incident.SliceText);
            json.WriteString("start", Time(incident.Start));
            json.WriteString("end", Time(incident.End));
            json.WriteNumber("strength", incident.Strength);
            json.WriteNumber("magnitude", incident.Magnitude);
            json.WriteStartArray("affects");
            foreach (var kpi in label.Affects)
            {
                json.WriteStringValue(kpi);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
