using System.Globalization;
using System.Text.Json;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>Reads typed fields from a JSON object and records every problem with its path, so one pass reports them all.</summary>
internal sealed class RuleReader
{
    private readonly List<RuleError> _errors = [];

    public IReadOnlyList<RuleError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new RuleError(path, message));

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>Reports every property of <paramref name="obj"/> not in <paramref name="known"/> (catches typos).</summary>
    public void RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(Path(path, property.Name), $"is not a known field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public JsonElement? Field(JsonElement obj, string name, string path, bool required, JsonValueKind kind)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(Path(path, name), "is required");
            }

            return null;
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            Error(Path(path, name), $"must be {Describe(kind)}");
            return null;
        }

        return value;
    }

    public string? String(JsonElement obj, string name, string path, bool required = false) =>
        Field(obj, name, path, required, JsonValueKind.String)?.GetString();

    public double? Number(
        JsonElement obj, string name, string path, double? fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Field(obj, name, path, false, JsonValueKind.Number) is not { } value)
        {
            return fallback;
        }

        var number = value.GetDouble();
        if (number < min || number > max)
        {
            Error(Path(path, name), Range(min, max));
            return fallback;
        }

        return number;
    }

    public int Integer(JsonElement obj, string name, string path, int fallback, int min, int max = int.MaxValue)
    {
        if (Field(obj, name, path, false, JsonValueKind.Number) is not { } value)
        {
            return fallback;
        }

        if (!value.TryGetInt32(out var number))
        {
            Error(Path(path, name), "must be a whole number");
            return fallback;
        }

        if (number < min || number > max)
        {
            Error(Path(path, name), Range(min, max));
            return fallback;
        }

        return number;
    }

    public TimeSpan Duration(JsonElement obj, string name, string path, TimeSpan fallback, bool required = false)
    {
        if (String(obj, name, path, required) is not { } text)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            Error(Path(path, name), $"must be a duration such as \"90s\", \"15m\", \"2h\", \"7d\" or \"PT15M\" (got \"{text}\")");
            return fallback;
        }

        return duration;
    }

    public TEnum Enum<TEnum>(JsonElement obj, string name, string path, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (String(obj, name, path) is not { } text)
        {
            return fallback;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed)
            && System.Enum.IsDefined(parsed)
            && !char.IsAsciiDigit(text[0]))
        {
            return parsed;
        }

        Error(Path(path, name), $"must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())} (got \"{text}\")");
        return fallback;
    }

    private static string Range(double min, double max) =>
        (min, max) switch
        {
            (double.MinValue, _) => string.Create(CultureInfo.InvariantCulture, $"must be ≤ {max}"),
            (_, double.MaxValue or int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"must be ≥ {min}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"must be from {min} to {max}"),
        };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };
}
