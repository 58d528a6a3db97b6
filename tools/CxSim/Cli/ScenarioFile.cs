using System.Text.Json;
using CxServerless.Domain;
using CxSim.Incidents;

namespace CxSim.Cli;

/// <summary>
/// A scenario file: a JSON object with an <c>incidents</c> array. Each incident has <c>kind</c>, <c>start</c> (as in
/// <see cref="IncidentSpec"/>), <c>duration</c>, and optionally <c>slice</c> (an object of channel/queue/team/region)
/// and <c>magnitude</c>.
/// </summary>
public static class ScenarioFile
{
    /// <summary>Reads the incidents of a scenario file; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static IReadOnlyList<Incident> Parse(string json, DateTimeOffset simulationStart, TimeSpan utcOffset)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The scenario file is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("incidents", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The scenario file needs an object with an \"incidents\" array.");
            }

            return [.. list.EnumerateArray().Select((entry, index) => ParseIncident(entry, index, simulationStart, utcOffset))];
        }
    }

    private static Incident ParseIncident(JsonElement entry, int index, DateTimeOffset simulationStart, TimeSpan utcOffset)
    {
        try
        {
            var (kind, _) = IncidentSpec.ParseKind(Text(entry, "kind"));
            var start = IncidentSpec.ParseStart(Text(entry, "start"), simulationStart, utcOffset);
            if (!DurationText.TryParse(Text(entry, "duration"), out var duration) || duration <= TimeSpan.Zero)
            {
                throw new FormatException("\"duration\" is not a positive duration such as 30m.");
            }

            var slice = entry.TryGetProperty("slice", out var s) && s.ValueKind == JsonValueKind.Object
                ? IncidentSpec.ParseSlice(string.Join(',', s.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")))
                : IncidentSlice.All;
            double? magnitude = entry.TryGetProperty("magnitude", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null;
            if (magnitude is <= 0)
            {
                throw new FormatException("\"magnitude\" must be positive.");
            }

            return new Incident(kind, start, start + duration, slice, magnitude);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"Scenario incident #{index + 1}: {ex.Message}", ex);
        }
    }

    private static string Text(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"\"{name}\" is missing or not a string.");
}
