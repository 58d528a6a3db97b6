using System.Globalization;
using System.Text.Json;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// Reads fields from a JSON payload for an adapter and remembers the first problem (missing field, wrong type, bad
/// timestamp) as a <see cref="Rejection"/>, so that adapters read straight through and check <see cref="Problem"/> once.
/// </summary>
public sealed class FieldReader(JsonElement root)
{
    /// <summary>The payload root.</summary>
    public JsonElement Root { get; } = root;

    /// <summary>The first problem met, or null.</summary>
    public Rejection? Problem { get; private set; }

    /// <summary>Records a problem unless one is already recorded.</summary>
    public void Fail(QuarantineReason reason, string detail) => Problem ??= new Rejection(reason, detail);

    /// <summary>The element at a path of property names, or null when any step is absent or JSON null.</summary>
    public static JsonElement? At(JsonElement start, params ReadOnlySpan<string> path)
    {
        var current = start;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>The element at a path from the root.</summary>
    public JsonElement? At(params ReadOnlySpan<string> path) => At(Root, path);

    /// <summary>A string (or a number, as text) at a path; a value of another type is recorded as invalid.</summary>
    public string? Text(params ReadOnlySpan<string> path) => AsText(At(path), path);

    /// <summary>A string at a path of an element other than the root.</summary>
    public string? Text(JsonElement start, params ReadOnlySpan<string> path) => AsText(At(start, path), path);

    /// <summary>A non-empty string at a path; absence is recorded as a missing field.</summary>
    public string Required(params ReadOnlySpan<string> path)
    {
        var value = Text(path);
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(QuarantineReason.MissingField, $"{Join(path)} is required");
            return string.Empty;
        }

        return value;
    }

    /// <summary>A number at a path (a JSON number or a string holding one).</summary>
    public double? Number(params ReadOnlySpan<string> path) => Number(At(path), path);

    /// <summary>A number at a path of an element other than the root.</summary>
    public double? Number(JsonElement start, params ReadOnlySpan<string> path) => Number(At(start, path), path);

    /// <summary>A boolean at a path.</summary>
    public bool? Flag(params ReadOnlySpan<string> path) => At(path) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString(), out var b) => b,
        _ => Invalid<bool?>(path, "a boolean"),
    };

    /// <summary>A timestamp at a path: ISO 8601 text (UTC assumed when no offset is given) or Unix epoch milliseconds.</summary>
    public DateTimeOffset? Time(params ReadOnlySpan<string> path)
    {
        var element = At(path);
        if (element is null)
        {
            return null;
        }

        if (element.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetInt64(out var ms))
        {
            return ms is > 0 and < 253_402_300_799_000
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : Invalid<DateTimeOffset?>(path, "a timestamp");
        }

        if (element.Value.ValueKind != JsonValueKind.String)
        {
            return Invalid<DateTimeOffset?>(path, "a timestamp");
        }

        // Fast path: ISO 8601 with an explicit 'Z' or offset, read straight from the UTF-8 bytes.
        if (HasExplicitOffset(element.Value) && element.Value.TryGetDateTimeOffset(out var fast))
        {
            return fast.ToUniversalTime();
        }

        return TryParseTime(element.Value.GetString(), out var time) ? time : Invalid<DateTimeOffset?>(path, "a timestamp");
    }

    /// <summary>A required timestamp.</summary>
    public DateTimeOffset RequiredTime(params ReadOnlySpan<string> path)
    {
        var time = Time(path);
        if (time is null)
        {
            Fail(QuarantineReason.MissingField, $"{Join(path)} is required");
        }

        return time ?? DateTimeOffset.UnixEpoch;
    }

    /// <summary>True when the raw JSON string (quotes included) is ISO 8601 ending in 'Z' or an explicit ±hh:mm offset.</summary>
    private static bool HasExplicitOffset(JsonElement element)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        return raw.Length >= 22 && raw[11] == (byte)'T' &&
            (raw[^2] == (byte)'Z' || (raw[^7] is (byte)'+' or (byte)'-' && raw[^4] == (byte)':'));
    }

    /// <summary>Parses ISO 8601 (up to nanosecond digits) or the invariant general form, converting to UTC.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var trimmed = TrimFraction(text.Trim());
        if (!DateTimeOffset.TryParse(
                trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return false;
        }

        time = time.ToUniversalTime();
        return true;
    }

    private static string TrimFraction(string text)
    {
        // .NET parses at most 7 fractional digits; vendors (Zendesk) send 9.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }

    private string? AsText(JsonElement? element, ReadOnlySpan<string> path) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => Invalid<string?>(path, "a string"),
    };

    private double? Number(JsonElement? element, ReadOnlySpan<string> path) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) && double.IsFinite(d) => d,
        { ValueKind: JsonValueKind.String } e
            when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => Invalid<double?>(path, "a number"),
    };

    private T Invalid<T>(ReadOnlySpan<string> path, string expected)
    {
        Fail(QuarantineReason.InvalidField, $"{Join(path)} must be {expected}");
        return default!;
    }

    private static string Join(ReadOnlySpan<string> path) => string.Join('.', path.ToArray());
}
