using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// The rules file of the live benchmark: the shipped default rules with three changes. (1) A probe rule watches
/// <c>AverageSpeedOfAnswer</c> per queue on 1-minute tumbling windows and opens at the first breaching window, so an
/// injected probe raises an alert as soon as its minute is final. (2) The default <c>queue-wait</c> rule keeps its
/// <c>all</c> slice but gives up <c>queue=*</c> to the probe rule (one rule per KPI and slice). (3) Event time uses
/// 10 s of allowed lateness and a 30 s idle timeout instead of 2 m and 1 m, so a probe's window closes 10 s after its
/// minute ends rather than 2 minutes after.
/// </summary>
internal static class BenchRules
{
    public const string ProbeRuleId = "probe-wait";
    public const string ProbeQueuePrefix = "probe-";
    public static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The wait every probe event carries, far above the probe rule's limit.</summary>
    public const double ProbeWaitSeconds = 1000;

    /// <summary>Writes the bench rules, built from <paramref name="defaultRulesPath"/>, to <paramref name="target"/>.</summary>
    public static void Write(string defaultRulesPath, string target)
    {
        var rules = JsonNode.Parse(File.ReadAllText(defaultRulesPath), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!.AsObject();
        rules["version"] = rules["version"]!.GetValue<string>() + "-bench";
        rules["eventTime"] = new JsonObject { ["allowedLateness"] = "10s", ["idleTimeout"] = "30s" };
        var list = rules["rules"]!.AsArray();
        var queueWait = list.Single(r => r!["id"]!.GetValue<string>() == "queue-wait")!;
        queueWait["slices"] = new JsonArray("all");
        list.Insert(0, JsonNode.Parse("""
            {
              "id": "probe-wait",
              "description": "Benchmark probe: a queue whose waits exceed 10 minutes in a 1-minute window.",
              "kpi": "AverageSpeedOfAnswer",
              "slices": ["queue=*"],
              "window": { "kind": "tumbling", "size": "1m" },
              "alerting": { "k": 1, "n": 1, "cooldown": "1m", "recoverAfter": 2, "rollUp": "0s" },
              "route": { "team": "queue-supervisors", "skill": "workforce", "issueType": "queue-wait" },
              "detectors": [ { "type": "static", "upper": 600, "clearUpper": 500, "severity": "Critical", "minSamples": 3 } ]
            }
            """));
        File.WriteAllText(target, rules.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
