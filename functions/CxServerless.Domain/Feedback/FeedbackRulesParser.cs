using System.Text.Json;
using System.Text.RegularExpressions;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Escalation;

namespace CxServerless.Domain.Feedback;

/// <summary>
/// Parses and validates a feedback rules file (format: docs/feedback.md). Every problem is reported with its JSON path,
/// and unknown fields are errors, so a typo never silently stops loops from opening.
/// </summary>
public static partial class FeedbackRulesParser
{
    /// <summary>Where negative text may trigger a loop.</summary>
    public static IReadOnlyList<string> TextSources { get; } = ["survey", "email"];

    /// <summary>Parses <paramref name="json"/>; never throws for bad input.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The rules, or every problem found.</returns>
    public static (FeedbackRules? Rules, IReadOnlyList<RuleError> Errors) Parse(string json) =>
        RuleDocument.Read(json, ReadRoot);

    /// <summary>Parses <paramref name="json"/> and throws <see cref="FeedbackRulesException"/> listing every problem.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The rules.</returns>
    public static FeedbackRules ParseOrThrow(string json)
    {
        var (rules, errors) = Parse(json);
        return rules ?? throw new FeedbackRulesException(errors);
    }

    private static FeedbackRules ReadRoot(JsonElement root, RuleReader reader)
    {
        reader.RejectUnknown(root, string.Empty, "version", "triggers", "severity", "topics", "followUpChannels");
        var version = RuleDocument.Version(root, reader);
        var triggers = reader.Field(root, "triggers", string.Empty, true, JsonValueKind.Object) is { } t
            ? ReadTriggers(t, reader)
            : new FeedbackThresholds(null, null, null, null, []);
        var severity = reader.String(root, "severity", string.Empty) is null
            ? AlertSeverity.Warning
            : reader.Enum(root, "severity", string.Empty, AlertSeverity.Warning);
        var topics = ReadTopics(root, reader);
        var channels = Strings(root, "followUpChannels", string.Empty, reader) ?? ["inbox"];
        for (var i = 0; i < channels.Count; i++)
        {
            if (!RosterParser.Channels.Contains(channels[i], StringComparer.Ordinal))
            {
                reader.Error(
                    $"followUpChannels[{i}]", $"must be one of: {string.Join(", ", RosterParser.Channels)} (got \"{channels[i]}\")");
            }
        }

        return new FeedbackRules(version, triggers, severity, topics, channels);
    }

    private static FeedbackThresholds ReadTriggers(JsonElement t, RuleReader reader)
    {
        const string P = "triggers";
        reader.RejectUnknown(t, P, "csatAtMost", "npsAtMost", "effortAtLeast", "sentimentBelow", "textFrom");
        int? Optional(string name, int min, int max) =>
            t.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? reader.Integer(t, name, P, min, min, max) : null;
        var csat = Optional("csatAtMost", 1, 5);
        var nps = Optional("npsAtMost", 0, 10);
        var effort = Optional("effortAtLeast", 1, FeedbackTriggers.EffortScale);
        var sentiment = reader.Number(t, "sentimentBelow", P, null, -1, 1);
        var textFrom = Strings(t, "textFrom", P, reader) ?? [];
        for (var i = 0; i < textFrom.Count; i++)
        {
            if (!TextSources.Contains(textFrom[i], StringComparer.Ordinal))
            {
                reader.Error($"{P}.textFrom[{i}]", $"must be one of: {string.Join(", ", TextSources)} (got \"{textFrom[i]}\")");
            }
        }

        if (sentiment is not null && textFrom.Count == 0)
        {
            reader.Error($"{P}.textFrom", "must name survey and/or email when sentimentBelow is set");
        }

        if (csat is null && nps is null && effort is null && sentiment is null)
        {
            reader.Error(P, "must set at least one of csatAtMost, npsAtMost, effortAtLeast, sentimentBelow");
        }

        return new FeedbackThresholds(csat, nps, effort, sentiment, textFrom);
    }

    private static List<FeedbackTopic> ReadTopics(JsonElement root, RuleReader reader)
    {
        var topics = new List<FeedbackTopic>();
        if (reader.Field(root, "topics", string.Empty, true, JsonValueKind.Array) is not { } array)
        {
            return topics;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"topics[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object");
                continue;
            }

            reader.RejectUnknown(item, path, "topic", "keywords", "team");
            var name = reader.String(item, "topic", path, required: true) ?? string.Empty;
            if (name.Length > 0 && !TopicPattern().IsMatch(name))
            {
                reader.Error($"{path}.topic", "must be 1 to 32 lower-case letters, digits or '-'");
            }
            else if (name == FeedbackTopic.Other)
            {
                reader.Error($"{path}.topic", "must not be \"other\": it is what no keyword matched");
            }
            else if (name.Length > 0 && !names.Add(name))
            {
                reader.Error($"{path}.topic", $"repeats topic \"{name}\"");
            }

            var keywords = Strings(item, "keywords", path, reader, required: true) ?? [];
            if (keywords.Count == 0 || keywords.Any(string.IsNullOrWhiteSpace))
            {
                reader.Error($"{path}.keywords", "must hold at least one keyword, none of them empty");
            }

            topics.Add(new FeedbackTopic(name, keywords, reader.String(item, "team", path)));
        }

        return topics;
    }

    private static List<string>? Strings(JsonElement obj, string name, string path, RuleReader reader, bool required = false)
    {
        if (reader.Field(obj, name, path, required, JsonValueKind.Array) is not { } array)
        {
            return null;
        }

        var values = new List<string>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else
            {
                reader.Error($"{RuleReader.Path(path, name)}[{i}]", "must be a string");
            }

            i++;
        }

        return values;
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex TopicPattern();
}
