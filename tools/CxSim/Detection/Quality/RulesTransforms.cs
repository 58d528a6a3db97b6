using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxSim.Detection.Quality;

/// <summary>
/// Documented, mechanical changes to a frozen rules file for the comparisons of the detection-quality harness; nothing
/// here is tuned by hand. The input is the file's text (comments and trailing commas allowed, as the parser allows);
/// the output is plain JSON with a new version.
/// </summary>
public static class RulesTransforms
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions Writing = new() { WriteIndented = true };

    /// <summary>
    /// The static-threshold baseline: every detector that is not <c>static</c> (EWMA, percentile, spike, level shift) is
    /// removed; static ceilings and floors are kept exactly; a rule left without a detector (contact volume: spike/dip
    /// only) is removed. Windows, slices and k-of-n are unchanged. The version gets the suffix <c>-static</c>.
    /// </summary>
    public static string StaticOnly(string rulesJson)
    {
        var root = Parse(rulesJson);
        var rules = root["rules"]!.AsArray();
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var detectors = rules[i]!["detectors"]!.AsArray();
            for (var d = detectors.Count - 1; d >= 0; d--)
            {
                if (detectors[d]!["type"]!.GetValue<string>() != "static")
                {
                    detectors.RemoveAt(d);
                }
            }

            if (detectors.Count == 0)
            {
                rules.RemoveAt(i);
            }
        }

        return Versioned(root, "-static");
    }

    /// <summary>
    /// Deliberately mis-set thresholds: the static detectors of rule <paramref name="ruleId"/> get every limit
    /// (<c>upper</c>, <c>clearUpper</c>, <c>lower</c>, <c>clearLower</c>) multiplied by <paramref name="factor"/>. The
    /// version gets the suffix <c>-misset</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No rule <paramref name="ruleId"/> with a static detector.</exception>
    public static string ScaleStatic(string rulesJson, string ruleId, double factor)
    {
        var root = Parse(rulesJson);
        var rule = root["rules"]!.AsArray().FirstOrDefault(r => r!["id"]!.GetValue<string>() == ruleId)
            ?? throw new ArgumentException($"No rule '{ruleId}'.", nameof(ruleId));
        var statics = rule["detectors"]!.AsArray().Where(d => d!["type"]!.GetValue<string>() == "static").ToList();
        if (statics.Count == 0)
        {
            throw new ArgumentException($"Rule '{ruleId}' has no static detector.", nameof(ruleId));
        }

        foreach (var detector in statics)
        {
            foreach (var field in new[] { "upper", "clearUpper", "lower", "clearLower" })
            {
                if (detector![field] is { } value)
                {
                    detector[field] = Math.Round(value.GetValue<double>() * factor, 6);
                }
            }
        }

        return Versioned(root, "-misset");
    }

    private static JsonNode Parse(string rulesJson)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        return JsonNode.Parse(rulesJson, documentOptions: Reading)
            ?? throw new ArgumentException("The rules file is empty.", nameof(rulesJson));
    }

    private static string Versioned(JsonNode root, string suffix)
    {
        root["version"] = root["version"]!.GetValue<string>() + suffix;
        return root.ToJsonString(Writing).ReplaceLineEndings("\n") + "\n";
    }
}
