using System.Text.Json;
using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Interventions;

/// <summary>
/// Parses and validates an intervention rules file (format: docs/interventions.md). Every problem is reported with its
/// JSON path, and unknown fields are errors, so a typo never silently changes a threshold or a cap.
/// </summary>
public static class InterventionRulesParser
{
    /// <summary>Parses <paramref name="json"/>; never throws for bad input.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The rules, or every problem found.</returns>
    public static (InterventionRules? Rules, IReadOnlyList<RuleError> Errors) Parse(string json) =>
        RuleDocument.Read(json, ReadRoot);

    /// <summary>Parses <paramref name="json"/> and throws <see cref="InterventionRulesException"/> listing every problem.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The rules.</returns>
    public static InterventionRules ParseOrThrow(string json)
    {
        var (rules, errors) = Parse(json);
        return rules ?? throw new InterventionRulesException(errors);
    }

    private static InterventionRules ReadRoot(JsonElement root, RuleReader reader)
    {
        reader.RejectUnknown(root, string.Empty, "version", "longWait", "repeatContact", "sentimentDrop");
        var version = RuleDocument.Version(root, reader);
        var wait = Section(root, "longWait", reader, ReadLongWait);
        var repeat = Section(root, "repeatContact", reader, ReadRepeat);
        var drop = Section(root, "sentimentDrop", reader, ReadDrop);
        return new InterventionRules(version, wait!, repeat!, drop!);
    }

    private static T? Section<T>(JsonElement root, string name, RuleReader reader, Func<JsonElement, string, RuleReader, T> read)
        where T : class =>
        reader.Field(root, name, string.Empty, true, JsonValueKind.Object) is { } section ? read(section, name, reader) : null;

    private static LongWaitRule ReadLongWait(JsonElement e, string path, RuleReader reader)
    {
        reader.RejectUnknown(e, path, "afterSeconds", "giveUpAfter", "caps");
        Require(e, "afterSeconds", path, reader);
        var after = TimeSpan.FromSeconds(reader.Integer(e, "afterSeconds", path, 120, 10, 86_400));
        var giveUp = Positive(e, "giveUpAfter", path, reader);
        if (giveUp <= after && giveUp > TimeSpan.Zero)
        {
            reader.Error(RuleReader.Path(path, "giveUpAfter"), "must be longer than afterSeconds");
        }

        return new LongWaitRule(after, giveUp, Caps(e, path, reader));
    }

    private static RepeatContactRule ReadRepeat(JsonElement e, string path, RuleReader reader)
    {
        reader.RejectUnknown(e, path, "within", "caps");
        return new RepeatContactRule(Positive(e, "within", path, reader), Caps(e, path, reader));
    }

    private static SentimentDropRule ReadDrop(JsonElement e, string path, RuleReader reader)
    {
        reader.RejectUnknown(e, path, "below", "liveFor", "caps");
        Require(e, "below", path, reader);
        var below = reader.Number(e, "below", path, -0.5, -1, 1) ?? -0.5;
        return new SentimentDropRule(below, Positive(e, "liveFor", path, reader), Caps(e, path, reader));
    }

    private static FrequencyCap Caps(JsonElement e, string parent, RuleReader reader)
    {
        var path = RuleReader.Path(parent, "caps");
        if (reader.Field(e, "caps", parent, true, JsonValueKind.Object) is not { } caps)
        {
            return new FrequencyCap(1, 1, TimeSpan.FromHours(1));
        }

        reader.RejectUnknown(caps, path, "perCustomer", "perTeam", "period");
        Require(caps, "perCustomer", path, reader);
        Require(caps, "perTeam", path, reader);
        var perCustomer = reader.Integer(caps, "perCustomer", path, 1, 0, 1_000);
        var perTeam = reader.Integer(caps, "perTeam", path, 1, 0, 1_000_000);
        var period = Positive(caps, "period", path, reader);
        if (period > TimeSpan.FromDays(31))
        {
            reader.Error(RuleReader.Path(path, "period"), "must be at most 31 days");
        }

        return new FrequencyCap(perCustomer, perTeam, period > TimeSpan.Zero ? period : TimeSpan.FromHours(1));
    }

    /// <summary>Reports a missing number; its type and range are checked where it is read (the fallback is then unused).</summary>
    private static void Require(JsonElement e, string name, string path, RuleReader reader)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            reader.Error(RuleReader.Path(path, name), "is required");
        }
    }

    private static TimeSpan Positive(JsonElement e, string name, string path, RuleReader reader)
    {
        var value = reader.Duration(e, name, path, TimeSpan.MinValue, required: true);
        if (value == TimeSpan.MinValue)
        {
            return TimeSpan.Zero; // missing or unreadable: already reported
        }

        if (value <= TimeSpan.Zero)
        {
            reader.Error(RuleReader.Path(path, name), "must be longer than zero");
        }

        return value;
    }
}
