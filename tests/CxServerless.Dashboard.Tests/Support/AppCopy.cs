using System.Text.Json.Nodes;

namespace CxServerless.Dashboard.Tests.Support;

/// <summary>A temporary copy of the product's function app for one test run.</summary>
internal static class AppCopy
{
    /// <summary>
    /// Timers that would touch state other test projects share in Azurite: the heartbeat (a heartbeat left behind turns
    /// stale and makes other tests' health checks answer 503), the workflow poison sweep, and the shift-handover timer
    /// (it writes the shared Handovers table from the shipped routing file).
    /// </summary>
    private static readonly HashSet<string> Disabled = new(StringComparer.Ordinal) { "Heartbeat", "WriteHandovers" };

    /// <summary>Copies host.json, the sample settings, the rules and every function.json, with the housekeeping timers disabled.</summary>
    public static string WithoutHousekeepingTimers(string root)
    {
        var source = Path.Combine(root, "functions");
        var target = Directory.CreateTempSubdirectory("cx-dashboard-e2e-").FullName;
        File.Copy(Path.Combine(source, "host.json"), Path.Combine(target, "host.json"));
        File.Copy(Path.Combine(root, "local.settings.sample.json"), Path.Combine(target, "local.settings.json"));
        var rules = Directory.CreateDirectory(Path.Combine(target, "rules"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "rules")))
        {
            File.Copy(file, Path.Combine(rules.FullName, Path.GetFileName(file)));
        }
        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var name = Path.GetFileName(folder);
            var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!.AsObject();
            if (Disabled.Contains(name))
            {
                definition["disabled"] = true;
            }

            var copy = Directory.CreateDirectory(Path.Combine(target, name));
            File.WriteAllText(Path.Combine(copy.FullName, "function.json"), definition.ToJsonString());
        }

        return target;
    }
}
