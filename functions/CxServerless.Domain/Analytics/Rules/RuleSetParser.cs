using System.Text.Json;
using System.Text.RegularExpressions;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>
/// Parses and validates a rules file (format: docs/alert-rules.md). Every problem is reported with the JSON path of
/// the bad field, for example <c>rules[3].alerting.k must be ≤ n (5)</c>; unknown fields are errors too, so a typo
/// never silently falls back to a default.
/// </summary>
public static partial class RuleSetParser
{
    /// <summary>The longest roll-up wait a rule may set: a held sub-slice alert is announced at most this late.</summary>
    public static readonly TimeSpan MaxRollUpWait = TimeSpan.FromMinutes(30);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses <paramref name="json"/>; never throws for bad input.</summary>
    public static RuleSetParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return new RuleSetParseResult(null, [new RuleError("$", $"is not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var reader = new RuleReader();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reader.Error("$", "must be an object");
                return new RuleSetParseResult(null, reader.Errors);
            }

            var ruleSet = ReadRoot(document.RootElement, reader);
            return reader.Errors.Count == 0 ? new RuleSetParseResult(ruleSet, []) : new RuleSetParseResult(null, reader.Errors);
        }
    }

    /// <summary>
    /// Parses <paramref name="json"/> and throws <see cref="RulesValidationException"/> listing every problem (for start-up).
    /// </summary>
    public static RuleSet ParseOrThrow(string json)
    {
        var result = Parse(json);
        return result.RuleSet ?? throw new RulesValidationException(result.Errors);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex RuleIdPattern();

    private static RuleSet ReadRoot(JsonElement root, RuleReader reader)
    {
        reader.RejectUnknown(root, string.Empty, "$schema", "version", "description", "kpiSettings", "eventTime", "defaults", "rules",
            "recalibration");
        var version = reader.String(root, "version", string.Empty, required: true) ?? string.Empty;
        if (version.Length > 0 && !VersionPattern().IsMatch(version))
        {
            reader.Error("version", "must be 1 to 64 letters, digits, '.', '_' or '-' (it is part of alert ids and table keys)");
        }

        var kpis = ReadKpiSettings(root, reader);
        var eventTime = ReadEventTime(root, reader);
        var (window, policy) = ReadDefaults(root, reader);
        var rules = ReadRules(root, reader, window, policy);
        var recalibration = ReadRecalibration(root, reader);
        return new RuleSet(version, kpis, eventTime, rules) { Recalibration = recalibration };
    }

    private static KpiSettings ReadKpiSettings(JsonElement root, RuleReader reader)
    {
        const string path = "kpiSettings";
        var d = KpiSettings.Default;
        if (reader.Field(root, path, string.Empty, false, JsonValueKind.Object) is not { } obj)
        {
            return d;
        }

        reader.RejectUnknown(obj, path, "serviceLevelThreshold", "shortAbandonThreshold", "firstContactResolutionWindow", "agedBacklogAge");
        var settings = new KpiSettings
        {
            ServiceLevelThreshold = reader.Duration(obj, "serviceLevelThreshold", path, d.ServiceLevelThreshold),
            ShortAbandonThreshold = reader.Duration(obj, "shortAbandonThreshold", path, d.ShortAbandonThreshold),
            FirstContactResolutionWindow = reader.Duration(obj, "firstContactResolutionWindow", path, d.FirstContactResolutionWindow),
            AgedBacklogAge = reader.Duration(obj, "agedBacklogAge", path, d.AgedBacklogAge),
        };
        RequirePositive(reader, path, "serviceLevelThreshold", settings.ServiceLevelThreshold);
        RequirePositive(reader, path, "firstContactResolutionWindow", settings.FirstContactResolutionWindow);
        RequirePositive(reader, path, "agedBacklogAge", settings.AgedBacklogAge);
        return settings;
    }

    private static WatermarkPolicy ReadEventTime(JsonElement root, RuleReader reader)
    {
        const string path = "eventTime";
        var d = WatermarkPolicy.Default;
        if (reader.Field(root, path, string.Empty, false, JsonValueKind.Object) is not { } obj)
        {
            return d;
        }

        reader.RejectUnknown(obj, path, "allowedLateness", "idleTimeout");
        var policy = new WatermarkPolicy(
            reader.Duration(obj, "allowedLateness", path, d.AllowedLateness),
            reader.Duration(obj, "idleTimeout", path, d.IdleTimeout));
        RequirePositive(reader, path, "idleTimeout", policy.IdleTimeout);
        return policy;
    }

    private static (WindowSpec Window, AlertPolicy Policy) ReadDefaults(JsonElement root, RuleReader reader)
    {
        const string path = "defaults";
        var window = WindowSpec.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));
        var policy = AlertPolicy.Default;
        if (reader.Field(root, path, string.Empty, false, JsonValueKind.Object) is not { } obj)
        {
            return (window, policy);
        }

        reader.RejectUnknown(obj, path, "window", "alerting");
        return (ReadWindow(obj, path, reader, window), ReadPolicy(obj, path, reader, policy));
    }

    private static List<AlertRule> ReadRules(JsonElement root, RuleReader reader, WindowSpec window, AlertPolicy policy)
    {
        var rules = new List<AlertRule>();
        if (reader.Field(root, "rules", string.Empty, true, JsonValueKind.Array) is not { } array)
        {
            return rules;
        }

        if (array.GetArrayLength() == 0)
        {
            reader.Error("rules", "must hold at least one rule");
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"rules[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object");
                continue;
            }

            if (AlertRuleParser.Parse(element, path, reader, window, policy) is { } rule)
            {
                CheckUnique(rules, rule, path, reader);
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static void CheckUnique(List<AlertRule> earlier, AlertRule rule, string path, RuleReader reader)
    {
        if (!RuleIdPattern().IsMatch(rule.Id))
        {
            reader.Error(RuleReader.Path(path, "id"), "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }

        for (var i = 0; i < earlier.Count; i++)
        {
            if (string.Equals(earlier[i].Id, rule.Id, StringComparison.Ordinal))
            {
                reader.Error(RuleReader.Path(path, "id"), $"\"{rule.Id}\" is already used by rules[{i}]");
            }

            if (earlier[i].Kpi != rule.Kpi)
            {
                continue;
            }

            for (var s = 0; s < rule.Slices.Count; s++)
            {
                if (earlier[i].Slices.FirstOrDefault(rule.Slices[s].Overlaps) is { } clash)
                {
                    reader.Error(
                        $"{path}.slices[{s}]",
                        $"\"{rule.Slices[s]}\" overlaps \"{clash}\" of rules[{i}] (\"{earlier[i].Id}\") for the same KPI; "
                        + "one rule may watch a KPI and slice");
                }
            }
        }
    }

    internal static WindowSpec ReadWindow(JsonElement parent, string parentPath, RuleReader reader, WindowSpec fallback)
    {
        var path = RuleReader.Path(parentPath, "window");
        if (reader.Field(parent, "window", parentPath, false, JsonValueKind.Object) is not { } obj)
        {
            return fallback;
        }

        reader.RejectUnknown(obj, path, "kind", "size", "hop", "offset");
        var kind = reader.Enum(obj, "kind", path, fallback.Kind);
        var size = reader.Duration(obj, "size", path, fallback.Size);
        var hop = kind switch
        {
            WindowKind.Tumbling => size,
            WindowKind.Sliding => TimeSpan.FromMinutes(1),
            _ => reader.Duration(obj, "hop", path, TimeSpan.FromMinutes(1)),
        };
        var offset = reader.Duration(obj, "offset", path, TimeSpan.Zero);
        if (WindowSpec.Validate(size, hop, offset) is { } problem)
        {
            reader.Error(path, problem);
            return fallback;
        }

        return kind switch
        {
            WindowKind.Tumbling => WindowSpec.Tumbling(size, offset),
            WindowKind.Sliding => WindowSpec.Sliding(size),
            _ => WindowSpec.Hopping(size, hop, offset),
        };
    }

    internal static AlertPolicy ReadPolicy(JsonElement parent, string parentPath, RuleReader reader, AlertPolicy fallback)
    {
        var path = RuleReader.Path(parentPath, "alerting");
        if (reader.Field(parent, "alerting", parentPath, false, JsonValueKind.Object) is not { } obj)
        {
            return fallback;
        }

        reader.RejectUnknown(obj, path, "k", "n", "cooldown", "recoverAfter", "rollUp");
        var n = reader.Integer(obj, "n", path, fallback.WindowsToConsider, 1, 1000);
        var k = reader.Integer(obj, "k", path, fallback.BreachesToOpen, 1, 1000);
        if (k > n)
        {
            reader.Error(RuleReader.Path(path, "k"), $"must be ≤ n ({n})");
        }

        var cooldown = reader.Duration(obj, "cooldown", path, fallback.Cooldown);
        if (cooldown < TimeSpan.Zero)
        {
            reader.Error(RuleReader.Path(path, "cooldown"), "must not be negative");
        }

        var rollUp = reader.Duration(obj, "rollUp", path, fallback.RollUpWait ?? TimeSpan.Zero);
        if (rollUp < TimeSpan.Zero || rollUp > MaxRollUpWait)
        {
            reader.Error(RuleReader.Path(path, "rollUp"), $"must be between 0 (off) and {MaxRollUpWait.TotalMinutes:0} minutes");
        }

        return new AlertPolicy(k, n, cooldown, reader.Integer(obj, "recoverAfter", path, fallback.RecoverAfter, 1, 1000))
        {
            RollUpWait = rollUp > TimeSpan.Zero ? rollUp : null,
        };
    }

    private static void RequirePositive(RuleReader reader, string path, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            reader.Error(RuleReader.Path(path, name), "must be positive");
        }
    }
}
