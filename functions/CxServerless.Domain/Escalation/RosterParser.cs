using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Escalation;

/// <summary>
/// Parses and validates a routing file (format: docs/escalation.md). Every problem is reported with its JSON path,
/// and unknown fields are errors, so a typo never silently changes who is paged.
/// </summary>
public static partial class RosterParser
{
    /// <summary>The roles a person or an escalation level may have.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["Agent", "TeamLead", "Supervisor", "OpsAdmin"];

    /// <summary>The notification channels a level may use; <c>inbox</c> is implied.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["inbox", "teams", "email", "webhook"];

    private static readonly JsonDocumentOptions DocumentOptions =
        new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <paramref name="json"/>; never throws for bad input.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The roster or the problems.</returns>
    public static RosterParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return new RosterParseResult(null, [new RuleError("$", $"is not valid JSON (line {e.LineNumber + 1})")]);
        }

        using (document)
        {
            var reader = new RuleReader();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reader.Error("$", "must be an object");
                return new RosterParseResult(null, reader.Errors);
            }

            var roster = ReadRoot(document.RootElement, reader);
            return reader.Errors.Count == 0 ? new RosterParseResult(roster, []) : new RosterParseResult(null, reader.Errors);
        }
    }

    /// <summary>Parses <paramref name="json"/> and throws <see cref="RosterValidationException"/> listing every problem.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The roster.</returns>
    public static Roster ParseOrThrow(string json)
    {
        var result = Parse(json);
        return result.Roster ?? throw new RosterValidationException(result.Errors);
    }

    private static Roster ReadRoot(JsonElement root, RuleReader reader)
    {
        reader.RejectUnknown(root, string.Empty, "version", "timeZone", "defaultTeam", "routes", "people", "onCall", "chains");
        var version = reader.String(root, "version", string.Empty, required: true) ?? string.Empty;
        if (version.Length > 0 && !VersionPattern().IsMatch(version))
        {
            reader.Error("version", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }

        var zone = ReadZone(reader, root, "timeZone", string.Empty, TimeZoneInfo.Utc);
        var people = ReadPeople(root, reader, zone);
        var teams = people.Select(p => p.Team).ToHashSet(StringComparer.Ordinal);
        var defaultTeam = reader.String(root, "defaultTeam", string.Empty, required: true) ?? string.Empty;
        if (defaultTeam.Length > 0 && !teams.Contains(defaultTeam))
        {
            reader.Error("defaultTeam", $"names team \"{defaultTeam}\", which has nobody in it");
        }

        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Field(root, "routes", string.Empty, false, JsonValueKind.Object) is { } routeObject)
        {
            foreach (var route in routeObject.EnumerateObject())
            {
                var path = RuleReader.Path("routes", route.Name);
                if (route.Value.ValueKind != JsonValueKind.String || route.Value.GetString() is not { Length: > 0 } team)
                {
                    reader.Error(path, "must be a team name");
                }
                else if (!teams.Contains(team))
                {
                    reader.Error(path, $"names team \"{team}\", which has nobody in it");
                }
                else
                {
                    routes[route.Name] = team;
                }
            }
        }

        var onCall = ReadOnCall(root, reader, zone, people);
        var chains = ReadChains(root, reader, people, onCall);
        return new Roster(version, defaultTeam, routes, people, onCall, chains);
    }

    private static List<Person> ReadPeople(JsonElement root, RuleReader reader, TimeZoneInfo zone)
    {
        var people = new List<Person>();
        if (reader.Field(root, "people", string.Empty, true, JsonValueKind.Array) is not { } array)
        {
            return people;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"people[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object");
                continue;
            }

            reader.RejectUnknown(item, path, "id", "displayName", "team", "role", "skills", "shift", "email");
            var id = reader.String(item, "id", path, required: true);
            if (id is not null && !PersonIdPattern().IsMatch(id))
            {
                reader.Error(RuleReader.Path(path, "id"), "must be 1 to 128 letters, digits, '.', '_', '@' or '-'");
            }
            else if (id is not null && people.Any(p => p.Id == id))
            {
                reader.Error(RuleReader.Path(path, "id"), $"repeats \"{id}\"");
            }

            var name = reader.String(item, "displayName", path) ?? id ?? string.Empty;
            var team = reader.String(item, "team", path, required: true);
            var role = ReadRole(reader, item, "role", path);
            var skills = ReadStrings(reader, item, "skills", path);
            var shift = reader.Field(item, "shift", path, true, JsonValueKind.Object) is { } s
                ? ReadShift(reader, s, RuleReader.Path(path, "shift"), zone)
                : null;
            var email = reader.String(item, "email", path);
            if (email is not null && !IsEmailAddress(email))
            {
                // The address itself is not repeated: the problem list goes to logs and API answers.
                reader.Error(
                    RuleReader.Path(path, "email"), "must be one e-mail address such as name@example.com (at most 254 characters)");
                email = null;
            }

            if (id is not null && team is not null && role is not null && shift is not null)
            {
                people.Add(new Person(id, name, team, role, skills.ToHashSet(StringComparer.Ordinal), shift, email));
            }
        }

        return people;
    }

    private static List<OnCallShift> ReadOnCall(JsonElement root, RuleReader reader, TimeZoneInfo zone, List<Person> people)
    {
        var rota = new List<OnCallShift>();
        if (reader.Field(root, "onCall", string.Empty, false, JsonValueKind.Array) is not { } array)
        {
            return rota;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"onCall[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "must be an object");
                continue;
            }

            reader.RejectUnknown(item, path, "person", "role", "shift");
            var person = reader.String(item, "person", path, required: true);
            if (person is not null && !people.Any(p => p.Id == person))
            {
                reader.Error(RuleReader.Path(path, "person"), $"names \"{person}\", who is not in people");
            }

            var role = ReadRole(reader, item, "role", path);
            var shift = reader.Field(item, "shift", path, true, JsonValueKind.Object) is { } s
                ? ReadShift(reader, s, RuleReader.Path(path, "shift"), zone)
                : null;
            if (person is not null && role is not null && shift is not null)
            {
                rota.Add(new OnCallShift(person, role, shift));
            }
        }

        return rota;
    }

    private static Dictionary<AlertSeverity, IReadOnlyList<EscalationLevel>> ReadChains(
        JsonElement root, RuleReader reader, List<Person> people, List<OnCallShift> onCall)
    {
        var chains = new Dictionary<AlertSeverity, IReadOnlyList<EscalationLevel>>();
        if (reader.Field(root, "chains", string.Empty, true, JsonValueKind.Object) is not { } chainObject)
        {
            return chains;
        }

        var names = Enum.GetNames<AlertSeverity>().Select(n => n.ToLowerInvariant()).ToArray();
        reader.RejectUnknown(chainObject, "chains", names);
        foreach (var severity in Enum.GetValues<AlertSeverity>())
        {
            var path = RuleReader.Path("chains", severity.ToString().ToLowerInvariant());
            if (reader.Field(chainObject, severity.ToString().ToLowerInvariant(), "chains", true, JsonValueKind.Array) is not { } levels)
            {
                continue;
            }

            var list = new List<EscalationLevel>();
            var index = 0;
            foreach (var item in levels.EnumerateArray())
            {
                if (ReadLevel(reader, item, $"{path}[{index++}]", people, onCall) is { } level)
                {
                    list.Add(level);
                }
            }

            if (index == 0)
            {
                reader.Error(path, "must have at least one level");
            }

            chains[severity] = list;
        }

        return chains;
    }

    private static EscalationLevel? ReadLevel(
        RuleReader reader, JsonElement item, string path, List<Person> people, List<OnCallShift> onCall)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "must be an object");
            return null;
        }

        reader.RejectUnknown(item, path, "role", "anyTeam", "acknowledgeWithin", "resolveWithin", "remindBefore", "channels");
        var role = ReadRole(reader, item, "role", path);
        if (role is not null && !people.Any(p => p.Role == role) && !onCall.Any(c => c.Role == role))
        {
            reader.Error(RuleReader.Path(path, "role"), $"is {role}, but nobody in people or onCall has that role");
        }

        var anyTeam = reader.Field(item, "anyTeam", path, false, JsonValueKind.True)?.GetBoolean() ?? false;
        var ack = reader.Duration(item, "acknowledgeWithin", path, TimeSpan.Zero, required: true);
        var resolve = reader.Duration(item, "resolveWithin", path, TimeSpan.Zero, required: true);
        var remind = reader.Duration(item, "remindBefore", path, TimeSpan.Zero);
        CheckPositive(reader, RuleReader.Path(path, "acknowledgeWithin"), ack);
        CheckPositive(reader, RuleReader.Path(path, "resolveWithin"), resolve);
        if (remind < TimeSpan.Zero || (ack > TimeSpan.Zero && remind >= ack))
        {
            reader.Error(RuleReader.Path(path, "remindBefore"), "must be shorter than acknowledgeWithin");
        }

        var channels = ReadStrings(reader, item, "channels", path);
        foreach (var channel in channels.Where(c => !Channels.Contains(c, StringComparer.Ordinal)))
        {
            reader.Error(RuleReader.Path(path, "channels"), $"has \"{channel}\"; channels are {string.Join(", ", Channels)}");
        }

        return role is null
            ? null
            : new EscalationLevel(role, anyTeam, ack, resolve, remind, ["inbox", .. channels.Where(c => c != "inbox").Distinct()]);
    }

    private static void CheckPositive(RuleReader reader, string path, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(30))
        {
            reader.Error(path, "must be more than 0 and at most 30 days");
        }
    }

    private static ShiftPattern? ReadShift(RuleReader reader, JsonElement shift, string path, TimeZoneInfo fallbackZone)
    {
        reader.RejectUnknown(shift, path, "days", "start", "end", "timeZone");
        var zone = ReadZone(reader, shift, "timeZone", path, fallbackZone);
        var days = new HashSet<DayOfWeek>();
        foreach (var day in ReadStrings(reader, shift, "days", path, required: true))
        {
            if (ParseDay(day) is { } parsed)
            {
                days.Add(parsed);
            }
            else
            {
                reader.Error(RuleReader.Path(path, "days"), $"has \"{day}\"; days are Mon, Tue, Wed, Thu, Fri, Sat, Sun");
            }
        }

        var start = ReadTime(reader, shift, "start", path);
        var end = ReadTime(reader, shift, "end", path);
        if (start is null || end is null)
        {
            return null;
        }

        var length = end.Value - start.Value;
        if (length <= TimeSpan.Zero)
        {
            length += TimeSpan.FromDays(1); // an overnight shift
        }

        return new ShiftPattern(zone, days, TimeOnly.FromTimeSpan(start.Value), length);
    }

    private static TimeSpan? ReadTime(RuleReader reader, JsonElement obj, string name, string path)
    {
        var text = reader.String(obj, name, path, required: true);
        if (text is null)
        {
            return null;
        }

        if (text == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToTimeSpan();
        }

        reader.Error(RuleReader.Path(path, name), $"must be a time such as \"08:00\" or \"24:00\" (got \"{text}\")");
        return null;
    }

    private static TimeZoneInfo ReadZone(RuleReader reader, JsonElement obj, string name, string path, TimeZoneInfo fallback)
    {
        if (reader.String(obj, name, path) is not { } id)
        {
            return fallback;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        reader.Error(RuleReader.Path(path, name), $"is not a known time zone (an IANA name such as \"Europe/London\"; got \"{id}\")");
        return fallback;
    }

    private static string? ReadRole(RuleReader reader, JsonElement obj, string name, string path)
    {
        var role = reader.String(obj, name, path, required: true);
        if (role is not null && !Roles.Contains(role, StringComparer.Ordinal))
        {
            reader.Error(RuleReader.Path(path, name), $"must be one of: {string.Join(", ", Roles)} (got \"{role}\")");
            return null;
        }

        return role;
    }

    private static List<string> ReadStrings(RuleReader reader, JsonElement obj, string name, string path, bool required = false)
    {
        var values = new List<string>();
        if (reader.Field(obj, name, path, required, JsonValueKind.Array) is not { } array)
        {
            return values;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
            {
                values.Add(text);
            }
            else
            {
                reader.Error(RuleReader.Path(path, name), "must hold non-empty strings");
            }
        }

        return values;
    }

    private static DayOfWeek? ParseDay(string text) => text switch
    {
        "Mon" => DayOfWeek.Monday,
        "Tue" => DayOfWeek.Tuesday,
        "Wed" => DayOfWeek.Wednesday,
        "Thu" => DayOfWeek.Thursday,
        "Fri" => DayOfWeek.Friday,
        "Sat" => DayOfWeek.Saturday,
        "Sun" => DayOfWeek.Sunday,
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,128}$")]
    private static partial Regex PersonIdPattern();

    /// <summary>A plain address (local part, @, a domain with a dot): no display name, no spaces, no list.</summary>
    private static bool IsEmailAddress(string text) => text.Length <= 254 && EmailPattern().IsMatch(text);

    [GeneratedRegex(
        @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" +
        @"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
